"""What staff see of the indexing state, and who may queue a failed indexing again (page and API)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.core.models import AuditEvent
from guomen.documents.choices import IndexState

from .factories import make_document, pdf_bytes, scanned_pdf_bytes, upload_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(analyst, django_capture_on_commit_callbacks):
    """A scanned PDF whose indexing failed (no text)."""
    with django_capture_on_commit_callbacks(execute=True):
        return upload_document(actor=analyst, file_name="scan.pdf", file_bytes=scanned_pdf_bytes())


@pytest.fixture
def waiting(analyst, django_capture_on_commit_callbacks):
    """An uploaded PDF whose indexing task has not run yet."""
    with django_capture_on_commit_callbacks():
        return upload_document(
            actor=analyst, file_name="durian.pdf", file_bytes=pdf_bytes(["榴莲检疫鉴定。"])
        )


def index_state(failed_or_waiting) -> str:
    failed_or_waiting.refresh_from_db()
    return failed_or_waiting.index_state


@pytest.mark.parametrize(
    ("who", "status", "requeued"),
    [
        ("anonymous", 302, False),
        ("enterprise", 403, False),
        ("inspector", 403, False),
        ("lab_analyst", 403, False),
        ("analyst", 302, True),
        ("other_jurisdiction_supervisor", 302, True),  # documents are the whole bureau's
        ("administrator", 302, True),
    ],
)
def test_retry_page_permission_matrix(client, orgs, make_user, failed, who, status, requeued):
    users = {
        "enterprise": lambda: make_user(Role.ENTERPRISE),
        "inspector": lambda: make_user(Role.INSPECTOR, orgs["WJD"]),
        "lab_analyst": lambda: make_user(Role.LAB_ANALYST, orgs["WJD"]),
        "analyst": lambda: make_user(Role.RISK_ANALYST, orgs["SZ"]),
        "other_jurisdiction_supervisor": lambda: make_user(Role.SUPERVISOR, orgs["GZ"]),
        "administrator": lambda: make_user(Role.ADMINISTRATOR, orgs["GACC"]),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    response = client.post(reverse("documents:reindex", args=[failed.pk]))
    assert response.status_code == status
    if who == "anonymous":
        assert "login" in response.url
    assert (index_state(failed) == IndexState.QUEUED) is requeued
    assert AuditEvent.objects.filter(verb="document.index_retry").exists() is requeued


def test_retry_page_refuses_get(client, analyst, failed):
    client.force_login(analyst)
    assert client.get(reverse("documents:reindex", args=[failed.pk])).status_code == 405
    assert index_state(failed) == IndexState.FAILED


def test_retry_of_an_indexed_document_says_why_not(client, analyst):
    doc = make_document(title="进境粮食检疫办法")
    client.force_login(analyst)
    response = client.post(reverse("documents:reindex", args=[doc.pk]), follow=True)
    assert response.status_code == 200 and "只有" in response.content.decode()
    assert index_state(doc) == IndexState.INDEXED


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("inspector", 403), ("analyst", 200)])
def test_retry_api_permission_matrix(client, orgs, make_user, failed, who, status):
    if who != "anonymous":
        role = Role.RISK_ANALYST if who == "analyst" else Role.INSPECTOR
        client.force_login(make_user(role, orgs["WJD"]))
    response = client.post(f"/api/v1/documents/{failed.pk}/reindex")
    assert response.status_code == status
    if status == 200:
        assert response.json()["index_state"] == "queued"


def test_retry_api_refuses_an_indexed_document_with_409(client, analyst):
    doc = make_document(title="进境粮食检疫办法")
    client.force_login(analyst)
    response = client.post(f"/api/v1/documents/{doc.pk}/reindex")
    assert response.status_code == 409 and response.json()["code"] == "illegal_transition"


def test_the_page_of_a_waiting_document_says_search_does_not_find_it_yet(client, inspector, waiting):
    client.force_login(inspector)
    page = client.get(reverse("documents:detail", args=[waiting.pk])).content.decode()
    assert 'data-state="queued"' in page and "待索引" in page
    assert "建立索引之前，检索找不到本文件" in page
    assert 'hx-trigger="every 2s"' in page


def test_the_page_of_a_failed_document_gives_the_reason_and_a_retry_button_to_staff(client, analyst, failed):
    client.force_login(analyst)
    page = client.get(reverse("documents:detail", args=[failed.pk])).content.decode()
    assert 'data-state="failed"' in page and "索引失败" in page and "扫描" in page
    assert 'data-testid="index-retry"' in page


def test_an_inspector_sees_the_failure_without_a_retry_button(client, inspector, failed):
    client.force_login(inspector)
    page = client.get(reverse("documents:detail", args=[failed.pk])).content.decode()
    assert "索引失败" in page and 'data-testid="index-retry"' not in page


def test_the_state_box_polls_while_waiting_and_reloads_the_page_when_done(client, inspector, waiting):
    client.force_login(inspector)
    url = reverse("documents:detail", args=[waiting.pk])
    partial = client.get(url, headers={"HX-Request": "true"})
    assert 'data-state="queued"' in partial.content.decode() and "<html" not in partial.content.decode()
    waiting.__class__.objects.filter(pk=waiting.pk).update(index_state=IndexState.INDEXED)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.headers.get("HX-Refresh") == "true"


def test_the_list_shows_each_documents_indexing_state(client, inspector, failed, waiting):
    make_document(title="进境粮食检疫办法")
    client.force_login(inspector)
    page = client.get(reverse("documents:list")).content.decode()
    for state in ("queued", "failed", "indexed"):
        assert f'data-testid="index-badge" data-state="{state}"' in page


def test_an_upload_through_the_page_says_it_is_being_indexed(
    client, analyst, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    upload = SimpleUploadedFile("rule.pdf", pdf_bytes(["进境粮食检疫监督管理办法全文"]))
    with django_capture_on_commit_callbacks():
        response = client.post(
            reverse("documents:create"),
            {"kind": "regulation", "title": "进境粮食检验检疫监督管理办法", "file": upload},
            follow=True,
        )
    page = response.content.decode()
    assert "正在建立索引" in page or "待索引" in page
    assert 'data-state="queued"' in page
