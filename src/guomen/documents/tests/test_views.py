import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.documents.models import Document

from .factories import docx_bytes, make_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("enterprise", 403), ("inspector", 200), ("other_inspector", 200)],
)
def test_search_page_permission_matrix(client, orgs, make_user, inspector, other_inspector, who, expected):
    make_document(title="检疫")
    users = {
        "enterprise": make_user(Role.ENTERPRISE),
        "inspector": inspector,
        "other_inspector": other_inspector,
    }
    if who != "anonymous":
        client.force_login(users[who])
    assert client.get(reverse("documents:list"), {"q": "检疫"}).status_code == expected


@pytest.mark.parametrize("who", ["inspector", "lab_analyst", "enterprise"])
def test_upload_page_is_for_analysts_supervisors_and_administrators(client, orgs, make_user, who):
    client.force_login(make_user(who, orgs["WJD"]))
    assert client.get(reverse("documents:create")).status_code == 403


def test_the_search_page_highlights_and_suggests(client, inspector):
    make_document(number="GB 2763-2021", kind="national_standard", title="农药最大残留限量")
    client.force_login(inspector)
    page = client.get(reverse("documents:list"), {"q": "GB 2763"}).content.decode()
    assert 'data-testid="did-you-mean"' in page and "GB 2763-2021" in page
    page = client.get(reverse("documents:list"), {"q": "农药"}).content.decode()
    assert "<mark>农药</mark>" in page


@pytest.mark.parametrize("q", ['"', "NEAR(", "x" * 10000, "*", "检疫 AND OR NOT"])
def test_hostile_queries_render_a_page(client, inspector, q):
    client.force_login(inspector)
    assert client.get(reverse("documents:list"), {"q": q, "page": "abc", "hs": "zz"}).status_code == 200


def test_an_analyst_uploads_a_docx_and_finds_it(client, analyst, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    upload = SimpleUploadedFile("rule.docx", docx_bytes(["进境粮食检疫监督管理办法全文"]))
    with django_capture_on_commit_callbacks(execute=True):  # the indexing task runs after the request
        response = client.post(
            reverse("documents:create"),
            {
                "kind": "regulation",
                "title": "进境粮食检验检疫监督管理办法",
                "number": "",
                "file": upload,
                "commodities": "",
                "countries": "",
            },
        )
    assert response.status_code == 302
    doc = Document.objects.get()
    assert "粮食" in doc.text
    page = client.get(reverse("documents:list"), {"q": "粮食"}).content.decode()
    assert reverse("documents:detail", args=[doc.pk]) in page


def test_an_upload_with_unknown_codes_says_which(client, analyst):
    client.force_login(analyst)
    response = client.post(
        reverse("documents:create"),
        {"kind": "notice", "title": "通知", "text": "正文", "commodities": "999999", "countries": "ZZ"},
    )
    assert response.status_code == 200 and "999999" in response.content.decode()
    assert not Document.objects.exists()


def test_supersede_through_the_page(client, analyst):
    old = make_document(number="GB 2763-2019", kind="national_standard", title="旧")
    new = make_document(number="GB 2763-2021", kind="national_standard", title="新")
    client.force_login(analyst)
    client.post(reverse("documents:supersede", args=[old.pk]), {"replacement": new.pk, "reason": "新版"})
    old.refresh_from_db()
    assert old.superseded_by == new
    page = client.get(reverse("documents:detail", args=[old.pk])).content.decode()
    assert "GB 2763-2021" in page
