"""Rectification answers with evidence: rounds kept, files checked and served privately, the API's multipart
answer, the 409 on a closed request, and the credit restored when the rectification of a violation is accepted."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from guomen.accounts.choices import Role
from guomen.core.errors import ValidationFailed
from guomen.core.models import AuditEvent
from guomen.inspections.models import RectificationFile
from guomen.inspections.services import (
    rectification_answer,
    rectification_close,
    rectification_create,
    rectification_reopen,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg(size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "JPEG")
    return buf.getvalue()


def xlsx_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/big.xml", b"0" * (3 * 1024 * 1024))
    return buf.getvalue()


@pytest.fixture
def declarant_user(task, make_user):
    return make_user(Role.ENTERPRISE, enterprise=task.declaration.declarant, username="declarant")


@pytest.fixture
def item(task, inspector):
    return rectification_create(
        task=task,
        enterprise=task.declaration.declarant,
        subject="冷链温度记录缺失",
        details="提交运输全程温度记录",
        due_date=TODAY + dt.timedelta(days=7),
        actor=inspector,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_answer_stores_photo_and_pdf_with_the_round(item, declarant_user):
    rectification_answer(
        request=item,
        answer="已补交温度记录",
        actor=declarant_user,
        files=[("温度.jpg", jpeg()), ("记录.pdf", PDF)],
    )
    names = sorted(RectificationFile.objects.values_list("name", flat=True))
    assert names == ["温度.jpg", "记录.pdf"]
    assert item.answers.get().round == 1


def test_photo_is_stored_without_its_original_bytes(item, declarant_user):
    original = jpeg()
    rectification_answer(request=item, answer="照片", actor=declarant_user, files=[("a.png", original)])
    stored = RectificationFile.objects.get()
    assert stored.content_type == "image/jpeg" and stored.file.read() != original


def test_file_of_an_unknown_kind_is_refused_naming_the_field(item, declarant_user):
    with pytest.raises(ValidationFailed) as exc:
        rectification_answer(request=item, answer="x", actor=declarant_user, files=[("run.exe", b"MZ...")])
    assert "files" in exc.value.fields


def test_a_pdf_that_is_not_a_pdf_is_refused_and_nothing_is_saved(item, declarant_user):
    with pytest.raises(ValidationFailed):
        rectification_answer(
            request=item, answer="x", actor=declarant_user, files=[("ok.pdf", PDF), ("fake.pdf", b"hello")]
        )
    item.refresh_from_db()
    assert item.status == "open" and not RectificationFile.objects.exists()


def test_a_spreadsheet_that_inflates_too_much_is_refused(item, declarant_user):
    with pytest.raises(ValidationFailed) as exc:
        rectification_answer(request=item, answer="x", actor=declarant_user, files=[("t.xlsx", xlsx_bomb())])
    assert "t.xlsx" in str(exc.value.fields["files"])


def test_a_photo_with_too_many_pixels_is_refused(item, declarant_user, monkeypatch):
    monkeypatch.setattr("guomen.core.images.MAX_PIXELS", 100)
    with pytest.raises(ValidationFailed):
        rectification_answer(request=item, answer="x", actor=declarant_user, files=[("p.jpg", jpeg())])


def test_sending_back_keeps_the_first_round_with_its_reason(item, declarant_user, inspector):
    rectification_answer(request=item, answer="第一次", actor=declarant_user)
    rectification_reopen(request=item, reason="照片不清晰", actor=inspector)
    rectification_answer(request=item, answer="第二次", actor=declarant_user)
    rounds = list(item.answers.values_list("round", "decision", "decision_reason"))
    assert rounds == [(1, "sent_back", "照片不清晰"), (2, "", "")]


def test_accepting_records_the_outcome_and_audits_it(item, declarant_user, inspector):
    rectification_answer(request=item, answer="已整改", actor=declarant_user)
    rectification_close(request=item, reason="材料齐全", actor=inspector)
    assert (item.status, item.outcome) == ("closed", "accepted")
    assert AuditEvent.objects.filter(verb="rectification.close").exists()


def test_api_answer_takes_files_as_multipart(item, declarant_user):
    response = client_for(declarant_user).post(
        f"/api/v1/inspections/rectifications/{item.pk}/answer",
        {
            "answer": "已整改",
            "files": [SimpleUploadedFile("a.jpg", jpeg()), SimpleUploadedFile("b.pdf", PDF)],
        },
    )
    assert response.status_code == 200
    assert [f["name"] for f in response.json()["rounds"][0]["files"]] == ["a.jpg", "b.pdf"]


def test_api_answer_to_a_closed_request_is_a_409_in_chinese(item, declarant_user, inspector):
    rectification_close(request=item, reason="撤回", actor=inspector)
    response = client_for(declarant_user).post(
        f"/api/v1/inspections/rectifications/{item.pk}/answer",
        {"answer": "x"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 409 and "已关闭" in response.json()["message"]


def test_api_answer_with_a_bad_file_is_a_422_naming_files(item, declarant_user):
    response = client_for(declarant_user).post(
        f"/api/v1/inspections/rectifications/{item.pk}/answer",
        {"answer": "x", "files": [SimpleUploadedFile("a.pdf", b"not a pdf")]},
    )
    assert response.status_code == 422 and "files" in response.json()["fields"]


def _file_url(item, declarant_user):
    rectification_answer(request=item, answer="x", actor=declarant_user, files=[("r.pdf", PDF)])
    f = RectificationFile.objects.get()
    return f"/inspections/rectifications/{item.pk}/files/{f.pk}/"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("declarant_user", 200),
        ("inspector", 200),
        ("supervisor", 200),
        ("other_inspector", 404),
        ("enterprise_user", 404),
    ],
)
def test_file_is_served_to_the_enterprise_and_the_unit_only(request, item, declarant_user, who, status):
    url = _file_url(item, declarant_user)
    assert client_for(request.getfixturevalue(who)).get(url).status_code == status


def test_file_is_not_served_to_an_anonymous_reader(item, declarant_user):
    url = _file_url(item, declarant_user)
    assert Client().get(url).status_code == 302


def test_viewer_of_the_enterprise_cannot_answer(item, task, make_user):
    viewer = make_user(
        Role.ENTERPRISE, enterprise=task.declaration.declarant, username="viewer", enterprise_role="viewer"
    )
    response = client_for(viewer).post(
        f"/api/v1/inspections/rectifications/{item.pk}/answer", {"answer": "x"}
    )
    assert response.status_code == 403


def _violation(enterprise, supervisor):
    from guomen.supervision.services import credit_event_record

    return credit_event_record(
        enterprise=enterprise,
        kind="violation",
        severity="serious",
        occurred_on=TODAY,
        description="冷链温度记录缺失",
        evidence="深关监〔2026〕9号",
        actor=supervisor,
    )


def test_accepting_the_rectification_of_a_violation_gives_credit_back(task, supervisor, declarant_user):
    enterprise = task.declaration.declarant
    item = rectification_create(
        task=task,
        enterprise=enterprise,
        subject="温度记录",
        due_date=TODAY,
        actor=supervisor,
        violation=_violation(enterprise, supervisor),
    )
    rectification_answer(request=item, answer="已补交", actor=declarant_user, files=[("t.pdf", PDF)])
    rectification_close(request=item, reason="材料齐全", actor=supervisor)
    restored = enterprise.credit_events.get(kind="rectification")
    assert (restored.points, restored.source_ref) == (6, f"inspections.rectification:{item.pk}")


def test_sending_back_gives_no_credit(task, supervisor, declarant_user):
    enterprise = task.declaration.declarant
    item = rectification_create(
        task=task,
        enterprise=enterprise,
        subject="温度记录",
        due_date=TODAY,
        actor=supervisor,
        violation=_violation(enterprise, supervisor),
    )
    rectification_answer(request=item, answer="已补交", actor=declarant_user)
    rectification_reopen(request=item, reason="不清晰", actor=supervisor)
    assert not enterprise.credit_events.filter(kind="rectification").exists()


def test_a_violation_of_another_enterprise_cannot_be_named(task, supervisor, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    other = EnterpriseFactory(org=orgs["WJD"])
    with pytest.raises(ValidationFailed) as exc:
        rectification_create(
            task=task,
            enterprise=task.declaration.declarant,
            subject="x",
            due_date=TODAY,
            actor=supervisor,
            violation=_violation(other, supervisor),
        )
    assert "violation" in exc.value.fields


@pytest.mark.parametrize(
    ("who", "status"),
    [("declarant_user", 200), ("inspector", 200), ("other_inspector", 404), ("enterprise_user", 404)],
)
def test_api_reads_one_request_with_its_rounds_only_for_those_concerned(
    request, item, declarant_user, who, status
):
    rectification_answer(request=item, answer="x", actor=declarant_user, files=[("r.pdf", PDF)])
    response = client_for(request.getfixturevalue(who)).get(f"/api/v1/inspections/rectifications/{item.pk}")
    assert response.status_code == status


def test_api_answer_by_another_enterprise_is_not_found(item, enterprise_user):
    response = client_for(enterprise_user).post(
        f"/api/v1/inspections/rectifications/{item.pk}/answer", {"answer": "x"}
    )
    assert response.status_code == 404
