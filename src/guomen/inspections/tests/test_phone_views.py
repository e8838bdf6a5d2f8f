"""Phone pages: scan, dossier, photos, the disposition PDF, PWA files, follow-up board, rectifications."""

import datetime as dt
import json
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.clearance.services import clearance_confirm, clearance_record_result
from guomen.inspections.services import rectification_create

from .factories import durian_requirement, jpeg_with_exif, open_task

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def returned(task, inspector, supervisor):
    recorded = clearance_record_result(
        task=task,
        outcome="non_conforming",
        findings=[{"description": "活体粉蚧", "count": 5}],
        proposed_disposition="return",
        actor=inspector,
    )
    return clearance_confirm(task=recorded, disposition="return", actor=supervisor)


# --- scan ---------------------------------------------------------------------------------------------


def test_typed_declaration_number_opens_the_task(task, inspector):
    url = reverse("inspections:scan") + f"?code={task.declaration.number.lower()}"
    response = client_for(inspector).get(url)
    assert response.status_code == 302 and response.url == reverse("inspections:task_detail", args=[task.pk])


def test_container_number_and_a_qr_url_open_the_task(task, inspector):
    task.declaration.transport_id = "OOLU1234567"
    task.declaration.save()
    client = client_for(inspector)
    assert client.get(reverse("inspections:scan") + "?code=OOLU1234567").status_code == 302
    qr = f"https://guomen.example/d/{task.declaration.number}/"
    assert client.get(reverse("inspections:scan"), {"code": qr}).status_code == 302


def test_orchard_code_opens_todays_task_from_that_orchard(task, inspector):
    base = task.declaration.lines.first().production_bases.first()
    response = client_for(inspector).get(reverse("inspections:scan"), {"code": base.code})
    assert response.url == reverse("inspections:task_detail", args=[task.pk])


def test_unknown_code_says_so_on_the_scan_page(task, inspector):
    response = client_for(inspector).get(reverse("inspections:scan"), {"code": "NOPE-1"})
    assert response.status_code == 200 and "NOPE-1" in response.content.decode()


def test_other_jurisdiction_scan_finds_nothing(task, other_inspector):
    response = client_for(other_inspector).get(reverse("inspections:scan"), {"code": task.declaration.number})
    assert response.status_code == 200


@pytest.mark.parametrize("who", [None, "lab_analyst", "enterprise_user"])
def test_scan_page_is_for_inspectors(request, who):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).get(reverse("inspections:scan"))
    assert response.status_code == (302 if user is None else 403)


# --- dossier ----------------------------------------------------------------------------------------


def test_suspended_orchard_is_shouted_in_red(orgs, inspector):
    task = open_task(orgs["WJD"], base_status="suspended")
    html = client_for(inspector).get(reverse("inspections:task_detail", args=[task.pk])).content.decode()
    assert 'data-testid="base-alert"' in html and "gm-alert-red" in html and "检出检疫性有害生物" in html


def test_dossier_shows_credit_class_history_requirement_link_and_checklist(task, inspector, supervisor):
    requirement = durian_requirement()
    earlier = open_task(task.port, declarant=task.declaration.declarant)
    returned(earlier, inspector, supervisor)
    html = client_for(inspector).get(reverse("inspections:task_detail", args=[task.pk])).content.decode()
    assert 'data-testid="credit-grade"' in html
    assert "1 of last 1 non-conforming" in html or "最近 1 次查验中 1 次不合格" in html
    assert reverse("catalog:requirement_detail", args=[requirement.pk]) in html
    assert 'data-testid="check-item"' in html and "南洋臀纹粉蚧" in html


def test_task_page_has_the_sampling_button(task, inspector):
    html = client_for(inspector).get(reverse("inspections:task_detail", args=[task.pk])).content.decode()
    assert 'data-testid="sample-new"' in html and "抽样登记" in html


# --- photos and the PDF -----------------------------------------------------------------------------


def test_photo_upload_answers_json_and_the_photo_is_served_in_scope(task, inspector, other_inspector):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("p.jpg", jpeg_with_exif(size=(400, 300)), content_type="image/jpeg")
    response = client_for(inspector).post(
        reverse("inspections:photo_upload", args=[task.pk]), {"photo": upload}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["width"], body["height"]) == (400, 300)
    assert client_for(inspector).get(body["url"])["Content-Type"] == "image/jpeg"
    assert client_for(other_inspector).get(body["url"]).status_code == 404


def test_bad_photo_upload_is_a_422_naming_the_field(task, inspector):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("p.jpg", b"not an image", content_type="image/jpeg")
    response = client_for(inspector).post(
        reverse("inspections:photo_upload", args=[task.pk]), {"photo": upload}
    )
    assert response.status_code == 422 and "photo" in response.json()["fields"]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is needed")
def test_notice_pdf_is_in_chinese(task, inspector, supervisor, tmp_path):
    returned(task, inspector, supervisor)
    response = client_for(inspector).get(reverse("inspections:document", args=[task.pk]))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "notice.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "不合格" in text and "退运" in text and task.declaration.number in text


def test_no_document_before_the_disposition_is_confirmed(task, inspector):
    assert client_for(inspector).get(reverse("inspections:document", args=[task.pk])).status_code == 409


def test_document_of_another_jurisdiction_is_not_found(task, inspector, supervisor, other_inspector):
    returned(task, inspector, supervisor)
    assert client_for(other_inspector).get(reverse("inspections:document", args=[task.pk])).status_code == 404


# --- PWA --------------------------------------------------------------------------------------------


def test_manifest_scope_covers_the_phone_app():
    data = json.loads(Client().get(reverse("inspections:manifest")).content)
    assert data["scope"] == "/inspections/" and data["start_url"] == "/inspections/my_tasks/"
    assert {i["sizes"] for i in data["icons"]} >= {"192x192", "512x512"}


def test_service_worker_is_served_from_the_app_scope():
    response = Client().get(reverse("inspections:service_worker"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/javascript")
    assert "/static/vendor/htmx/htmx.min.js" in body and "/inspections/offline/" in body


# --- follow-up and rectifications -------------------------------------------------------------------


@pytest.fixture
def request_open(task, inspector):
    return rectification_create(
        task=task,
        enterprise=task.declaration.declarant,
        subject="纸箱未标注果园注册号",
        due_date=timezone.localdate() + dt.timedelta(days=3),
        actor=inspector,
    )


def test_board_shows_rectifications_with_deadline_and_owner(request_open, supervisor):
    html = client_for(supervisor).get(reverse("inspections:followup")).content.decode()
    assert "纸箱未标注果园注册号" in html and "inspector_wjd" in html


def test_board_needs_a_login():
    assert Client().get(reverse("inspections:followup")).status_code == 302


def test_enterprise_answers_on_the_detail_page(request_open, make_user):
    declarant = make_user(Role.ENTERPRISE, enterprise=request_open.enterprise)
    client = client_for(declarant)
    url = reverse("inspections:rectification_act", args=[request_open.pk, "answer"])
    response = client.post(url, {"answer": "已重新印制", "expected_version": request_open.version})
    assert response.status_code == 302
    request_open.refresh_from_db()
    assert request_open.status == "answered"


@pytest.mark.parametrize("who", ["other_inspector", "enterprise_user"])
def test_others_cannot_see_a_request(request, request_open, who):
    url = reverse("inspections:rectification_detail", args=[request_open.pk])
    assert client_for(request.getfixturevalue(who)).get(url).status_code == 404


def test_inspector_cannot_answer_for_the_enterprise(request_open, inspector):
    url = reverse("inspections:rectification_act", args=[request_open.pk, "answer"])
    assert client_for(inspector).post(url, {"answer": "x"}).status_code == 403


def test_rectification_form_issues_a_request(task, inspector):
    url = reverse("inspections:rectification_new", args=[task.pk])
    due = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    data = {"enterprise": task.declaration.declarant_id, "subject": "补充检疫证书", "due_date": due}
    response = client_for(inspector).post(url, data)
    assert response.status_code == 302 and task.rectifications.get().subject == "补充检疫证书"
    bad = client_for(inspector).post(url, data | {"due_date": "tomorrow"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.content.decode()


@pytest.mark.parametrize("who", ["lab_analyst", "enterprise_user", "other_inspector"])
def test_rectification_form_permission_matrix(request, task, who):
    response = client_for(request.getfixturevalue(who)).get(
        reverse("inspections:rectification_new", args=[task.pk])
    )
    assert response.status_code in (403, 404)
