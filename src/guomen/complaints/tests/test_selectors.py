import datetime as dt

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.complaints.choices import Category
from guomen.complaints.models import Complaint
from guomen.complaints.selectors import complaint_list, complaint_track, feedback_counts, feedback_rate
from guomen.complaints.services import complaint_reply, complaint_triage
from guomen.core.errors import NotFound

from .factories import make_overdue, submit

pytestmark = pytest.mark.django_db


def test_staff_see_complaints_of_their_unit_and_below_only(orgs, supervisor, other_inspector, make_user):
    sz = submit(org=orgs["SZ"])
    gz = submit(org=orgs["GZ"])
    assert list(complaint_list(user=supervisor)) == [sz]
    assert list(complaint_list(user=other_inspector)) == []
    assert list(complaint_list(user=make_user(Role.ENTERPRISE))) == []
    assert list(complaint_list(user=make_user(Role.LAB_ANALYST, orgs["GACC"]))) == []
    assert gz in complaint_list(user=make_user(Role.ADMINISTRATOR, orgs["GACC"]))


def test_the_overdue_flag_lists_open_complaints_past_their_deadline(orgs, supervisor):
    late = make_overdue(submit(org=orgs["SZ"]))
    submit(org=orgs["SZ"])
    assert list(complaint_list(user=supervisor, flag="overdue")) == [late]


def test_tracking_shows_status_and_reply_but_no_personal_data(orgs, supervisor):
    complaint = submit(org=orgs["SZ"])
    complaint_triage(complaint=complaint, category=Category.QUALITY, org=orgs["SZ"], actor=supervisor)
    complaint_reply(complaint=complaint, reply="经核查，已责令下架。", actor=supervisor)
    view = complaint_track(code=complaint.tracking_code.lower())
    assert view.reply == "经核查，已责令下架。"
    values = " ".join(str(v) for v in vars(view).values())
    assert "王小明" not in values and "13800138000" not in values and "supervisor" not in values


@pytest.mark.parametrize("code", ["", "TS", "TS0000000000", "' OR 1=1 --", "x" * 5000])
def test_tracking_with_a_wrong_code_is_not_found(orgs, code):
    submit(org=orgs["SZ"])
    with pytest.raises(NotFound):
        complaint_track(code=code)


def test_feedback_rate_counts_replies_by_the_deadline_over_received(orgs, supervisor):
    on_time, late, unanswered = (submit(org=orgs["WJD"]) for _i in range(3))
    other_unit = submit(org=orgs["GZ"])
    for c in (on_time, late):
        complaint_triage(complaint=c, category=Category.QUALITY, org=orgs["WJD"], actor=supervisor)
        complaint_reply(complaint=c, reply="答复内容如下。", actor=supervisor)
    Complaint.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    today = timezone.localdate()
    assert feedback_rate(start=today, end=today, org=orgs["SZ"]) == (1, 3)
    assert feedback_rate(start=today, end=today) == (1, 4)
    assert feedback_rate(start=today - dt.timedelta(days=30), end=today - dt.timedelta(days=1)) == (0, 0)
    assert other_unit and unanswered


def test_feedback_counts_count_late_answers_as_feedback_but_not_as_on_time(orgs, supervisor):
    on_time, late, unanswered = (submit(org=orgs["WJD"]) for _i in range(3))
    for c in (on_time, late):
        complaint_triage(complaint=c, category=Category.QUALITY, org=orgs["WJD"], actor=supervisor)
        complaint_reply(complaint=c, reply="答复内容如下。", actor=supervisor)
    Complaint.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    today = timezone.localdate()
    counts = feedback_counts(start=today, end=today, org=orgs["SZ"])
    assert (counts.answered, counts.on_time, counts.received) == (2, 1, 3)
    assert unanswered


def test_feedback_counts_of_a_past_month_ignore_answers_given_after_it(orgs, supervisor):
    complaint = submit(org=orgs["WJD"])
    complaint_triage(complaint=complaint, category=Category.QUALITY, org=orgs["WJD"], actor=supervisor)
    complaint_reply(complaint=complaint, reply="答复内容如下。", actor=supervisor)
    received = timezone.now() - dt.timedelta(days=40)
    Complaint.objects.filter(pk=complaint.pk).update(received_at=received, due_on=timezone.localdate())
    day = timezone.localdate(received)
    counts = feedback_counts(start=day, end=day, org=orgs["SZ"])
    assert (counts.answered, counts.received) == (0, 1)
