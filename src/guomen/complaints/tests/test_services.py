import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from guomen.accounts.choices import Role
from guomen.complaints.choices import Category, ComplaintStatus, Outcome
from guomen.complaints.models import Complaint
from guomen.complaints.services import (
    complaint_close,
    complaint_reply,
    complaint_send_reminders,
    complaint_triage,
)
from guomen.complaints.workdays import add_working_days, working_days_between
from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.risk.models import RiskSignal

from .factories import complaint_data, image_bytes, make_overdue, submit

pytestmark = pytest.mark.django_db


def test_a_submission_gets_a_tracking_code_and_a_deadline_in_working_days(orgs):
    complaint = submit(org=orgs["SZ"])
    assert complaint.tracking_code.startswith("TS") and len(complaint.tracking_code) == 12
    assert complaint.status == ComplaintStatus.RECEIVED
    assert complaint.due_on == add_working_days(timezone.localdate(complaint.received_at), 15)
    assert complaint.org == orgs["SZ"]


def test_without_a_chosen_office_it_goes_to_the_top_unit(orgs):
    assert submit().org == orgs["GACC"]


def test_the_audit_log_keeps_no_contact_details(orgs):
    complaint = submit(org=orgs["SZ"])
    event = AuditEvent.objects.get(verb="complaint.received", object_id=str(complaint.pk))
    assert "13800138000" not in str(event.after) and "王小明" not in str(event.after)


def test_working_days_skip_weekends_and_configured_holidays():
    friday = dt.date(2026, 9, 25)
    assert add_working_days(friday, 1) == dt.date(2026, 9, 28)
    with override_settings(GUOMEN_HOLIDAYS=["2026-09-28"]):
        assert add_working_days(friday, 1) == dt.date(2026, 9, 29)
    assert working_days_between(friday, dt.date(2026, 10, 2)) == 5


@override_settings(COMPLAINTS_RESPONSE_WORKING_DAYS=5)
def test_the_response_deadline_is_configurable(orgs):
    complaint = submit(org=orgs["SZ"])
    assert complaint.due_on == add_working_days(timezone.localdate(complaint.received_at), 5)


def test_a_short_description_is_refused_naming_the_field(orgs):
    with pytest.raises(ValidationFailed) as exc:
        submit(description="坏了")
    assert "description" in exc.value.fields
    assert not Complaint.objects.exists()


def test_photos_are_stored_when_they_are_real_images(orgs):
    from guomen.complaints.services import complaint_submit

    complaint = complaint_submit(
        data=complaint_data(), photos=[("a.jpg", image_bytes("JPEG"))], org=orgs["SZ"]
    )
    assert complaint.photos.get().content_type == "image/jpeg"


@pytest.mark.parametrize(
    ("photo", "expected"),
    [
        (("fake.jpg", b"<?php echo 1; ?>"), "not a picture"),
        (("anim.gif", None), "JPEG, PNG or WebP"),
    ],
)
def test_a_fake_or_unsupported_picture_is_refused_and_nothing_is_saved(orgs, photo, expected):
    from guomen.complaints.services import complaint_submit

    name, data = photo
    data = data if data is not None else image_bytes("GIF")
    with translation.override("en"), pytest.raises(ValidationFailed) as exc:
        complaint_submit(data=complaint_data(), photos=[(name, data)], org=orgs["SZ"])
    assert expected in " ".join(exc.value.fields["photos"])
    assert not Complaint.objects.exists()


@override_settings(COMPLAINTS_MAX_PHOTO_BYTES=1000, COMPLAINTS_MAX_PHOTOS=1)
def test_photo_size_and_count_limits(orgs):
    from guomen.complaints.services import complaint_submit

    big = image_bytes("PNG", size=(400, 400))
    with translation.override("en"), pytest.raises(ValidationFailed) as exc:
        complaint_submit(data=complaint_data(), photos=[("big.png", big)], org=orgs["SZ"])
    assert "larger than" in exc.value.fields["photos"][0]
    small = image_bytes("PNG")
    with translation.override("en"), pytest.raises(ValidationFailed) as exc:
        complaint_submit(data=complaint_data(), photos=[("a.png", small), ("b.png", small)], org=orgs["SZ"])
    assert "at most 1" in exc.value.fields["photos"][0]


def test_triage_of_a_product_safety_complaint_creates_one_risk_signal(orgs, supervisor, inspector):
    complaint = submit(org=orgs["SZ"])
    complaint_triage(
        complaint=complaint,
        category=Category.PRODUCT_SAFETY,
        org=orgs["WJD"],
        assignee=inspector,
        actor=supervisor,
    )
    complaint_triage(complaint=complaint, category=Category.PRODUCT_SAFETY, org=orgs["WJD"], actor=supervisor)
    signal = RiskSignal.objects.get()
    assert signal.source == "complaint" and signal.source_ref == f"complaints.complaint:{complaint.pk}"
    assert signal.org == orgs["WJD"]


def test_a_labelling_complaint_creates_no_signal(orgs, supervisor):
    complaint_triage(
        complaint=submit(org=orgs["SZ"]), category=Category.LABELLING, org=orgs["SZ"], actor=supervisor
    )
    assert not RiskSignal.objects.exists()


def test_triage_to_another_jurisdiction_is_refused(orgs, supervisor):
    with pytest.raises(PermissionDenied):
        complaint_triage(
            complaint=submit(org=orgs["SZ"]), category=Category.QUALITY, org=orgs["BY"], actor=supervisor
        )


def test_the_assignee_must_belong_to_the_handling_unit(orgs, supervisor, other_inspector):
    with pytest.raises(ValidationFailed) as exc:
        complaint_triage(
            complaint=submit(org=orgs["SZ"]),
            category=Category.QUALITY,
            org=orgs["SZ"],
            assignee=other_inspector,
            actor=supervisor,
        )
    assert "assignee" in exc.value.fields


def test_only_the_assignee_or_a_supervisor_replies(orgs, supervisor, inspector, make_user):
    complaint = submit(org=orgs["SZ"])
    complaint_triage(
        complaint=complaint, category=Category.QUALITY, org=orgs["WJD"], assignee=inspector, actor=supervisor
    )
    colleague = make_user(Role.INSPECTOR, orgs["WJD"])
    with pytest.raises(PermissionDenied):
        complaint_reply(complaint=complaint, reply="已核查处理。", actor=colleague)
    complaint_reply(complaint=complaint, reply="已核查，涉事批次已下架。", actor=inspector)
    assert complaint.status == ComplaintStatus.REPLIED and complaint.replied_on_time


def test_reply_before_triage_is_an_illegal_transition(orgs, supervisor):
    with pytest.raises(IllegalTransition):
        complaint_reply(complaint=submit(org=orgs["SZ"]), reply="答复内容", actor=supervisor)


def test_closing_needs_a_reply_unless_invalid(orgs, supervisor):
    complaint = submit(org=orgs["SZ"])
    with pytest.raises(ValidationFailed):
        complaint_close(complaint=complaint, outcome=Outcome.SUBSTANTIATED, actor=supervisor)
    complaint_close(complaint=complaint, outcome=Outcome.INVALID, note="重复投诉", actor=supervisor)
    assert complaint.status == ComplaintStatus.CLOSED
    with pytest.raises(IllegalTransition):
        complaint_close(complaint=complaint, outcome=Outcome.INVALID, actor=supervisor)


def test_reminders_flag_due_soon_and_overdue_complaints_once_a_day(orgs):
    due_soon = submit(org=orgs["SZ"])
    today = timezone.localdate()
    Complaint.objects.filter(pk=due_soon.pk).update(due_on=add_working_days(today, 2))
    late = make_overdue(submit(org=orgs["SZ"]))
    submit(org=orgs["SZ"])  # far from its deadline
    assert complaint_send_reminders(today=today) == {"due_soon": 1, "overdue": 1}
    assert complaint_send_reminders(today=today) == {"due_soon": 0, "overdue": 0}
    assert AuditEvent.objects.filter(verb="complaint.overdue", object_id=str(late.pk)).exists()
    assert late.is_overdue()
