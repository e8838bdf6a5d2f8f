import pytest

from guomen.accounts.choices import Role

from .factories import make_document, pdf_bytes

pytestmark = pytest.mark.django_db


def test_search_api_returns_ranked_hits_with_snippets(client, inspector):
    make_document(title="其他文件", text="提到 GB 2763-2021 的通知")
    exact = make_document(number="GB 2763-2021", kind="national_standard", title="农药最大残留限量")
    client.force_login(inspector)
    body = client.get("/api/v1/documents", {"q": "GB 2763-2021"}).json()
    assert body["results"][0]["document"]["id"] == exact.pk and body["results"][0]["exact_number"]


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("enterprise", 403), ("inspector", 200)])
def test_search_api_permission_matrix(client, orgs, make_user, who, status):
    if who != "anonymous":
        client.force_login(make_user(who, None if who == "enterprise" else orgs["WJD"]))
    assert client.get("/api/v1/documents", {"q": "检疫"}).status_code == status


def test_upload_api_extracts_a_pdf(client, orgs, make_user, django_capture_on_commit_callbacks):
    client.force_login(make_user(Role.RISK_ANALYST, orgs["SZ"]))
    data = {"kind": "notice", "title": "关于进口冷链食品检疫的公告", "commodities": "", "countries": ""}
    data["file"] = ("notice.pdf", pdf_bytes(["进口冷链食品须实施检疫。"]))
    from django.core.files.uploadedfile import SimpleUploadedFile

    data["file"] = SimpleUploadedFile("notice.pdf", data["file"][1], content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):  # the indexing task runs after the request
        response = client.post("/api/v1/documents", data)
    assert response.status_code == 201, response.content
    assert response.json()["index_state"] == "queued"
    detail = client.get(f"/api/v1/documents/{response.json()['id']}").json()
    assert detail["pages"] == 1 and detail["index_state"] == "indexed"


def test_upload_api_refuses_inspectors(client, inspector):
    client.force_login(inspector)
    response = client.post("/api/v1/documents", {"kind": "notice", "title": "x", "text": "正文"})
    assert response.status_code == 403
