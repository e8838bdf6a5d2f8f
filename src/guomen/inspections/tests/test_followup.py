"""Rectification requests (issue, answer, close, reopen), overdue reminders, the follow-up board."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.clearance.services import clearance_confirm, clearance_record_result
from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.inspections.models import RectificationRequest
from guomen.inspections.selectors import followup_board, rectification_list
from guomen.inspections.services import (
    followup_flag_overdue,
    rectification_answer,
    rectification_close,
    rectification_create,
    rectification_reopen,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def declarant_user(task, make_user):
    return make_user(Role.ENTERPRISE, enterprise=task.declaration.declarant, username="declarant")


def issue(task, actor, **overrides):
    kwargs = {
        "task": task,
        "enterprise": task.declaration.declarant,
        "subject": "纸箱未标注果园注册号",
        "due_date": TODAY + dt.timedelta(days=7),
        "actor": actor,
    }
    return rectification_create(**(kwargs | overrides))


def test_inspector_issues_a_request_with_owner_and_deadline(task, inspector):
    item = issue(task, inspector)
    assert (item.status, item.owner, item.org) == ("open", inspector, task.port)
    assert AuditEvent.objects.filter(verb="rectification.create").exists()


def test_deadline_in_the_past_is_refused(task, inspector):
    with pytest.raises(ValidationFailed) as exc:
        issue(task, inspector, due_date=TODAY - dt.timedelta(days=1))
    assert "due_date" in exc.value.fields


def test_other_jurisdiction_cannot_issue(task, other_inspector):
    with pytest.raises(PermissionDenied):
        issue(task, other_inspector)


def test_enterprise_answers_its_own_request(task, inspector, declarant_user):
    item = issue(task, inspector)
    item = rectification_answer(request=item, answer="已重新印制纸箱标识", actor=declarant_user)
    assert (item.status, item.answered_by) == ("answered", declarant_user)


def test_another_enterprise_cannot_answer(task, inspector, enterprise_user):
    item = issue(task, inspector)
    with pytest.raises(PermissionDenied):
        rectification_answer(request=item, answer="x", actor=enterprise_user)


def test_staff_accept_or_send_back_the_answer(task, inspector, supervisor, declarant_user):
    item = issue(task, inspector)
    item = rectification_answer(request=item, answer="已整改", actor=declarant_user)
    with pytest.raises(ValidationFailed):
        rectification_reopen(request=item, reason="", actor=supervisor)
    item = rectification_reopen(request=item, reason="照片不清晰", actor=supervisor)
    assert item.status == "open"
    item = rectification_answer(request=item, answer="补充照片", actor=declarant_user)
    assert rectification_close(request=item, actor=supervisor).status == "closed"


def test_overdue_requests_are_flagged_once_a_day(task, inspector):
    item = issue(task, inspector)
    RectificationRequest.objects.filter(pk=item.pk).update(due_date=TODAY - dt.timedelta(days=2))
    assert followup_flag_overdue() == 1
    assert followup_flag_overdue() == 0
    item.refresh_from_db()
    assert item.reminders == 1 and item.is_overdue
    assert followup_flag_overdue(today=TODAY + dt.timedelta(days=1)) == 1


def test_enterprise_sees_only_its_own_requests(task, inspector, declarant_user, enterprise_user):
    issue(task, inspector)
    assert rectification_list(declarant_user).count() == 1
    assert rectification_list(enterprise_user).count() == 0


def test_board_lists_treatments_not_confirmed(task, inspector, supervisor):
    recorded = clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="活虫",
        proposed_disposition="treatment",
        treatment_kind="fumigation",
        actor=inspector,
    )
    clearance_confirm(task=recorded, disposition="treatment", actor=supervisor)
    board = followup_board(inspector)
    assert [t.pk for t in board.treatments] == [task.pk]
    assert followup_board(supervisor).treatments and not followup_board(supervisor).rectifications


def test_board_of_another_jurisdiction_is_empty(task, inspector, other_inspector):
    issue(task, inspector)
    board = followup_board(other_inspector)
    assert not board.rectifications and not board.treatments


def test_reminder_command_and_task_flag_overdue_requests(task, inspector):
    import io

    from django.core.management import call_command

    from guomen.inspections.tasks import followup_remind

    item = issue(task, inspector)
    RectificationRequest.objects.filter(pk=item.pk).update(due_date=TODAY - dt.timedelta(days=1))
    out = io.StringIO()
    call_command("followup-remind", stdout=out)
    assert "1" in out.getvalue()
    RectificationRequest.objects.filter(pk=item.pk).update(overdue_flagged_at=None)
    followup_remind.enqueue()  # the immediate backend in tests runs it at once
    item.refresh_from_db()
    assert item.reminders == 2
