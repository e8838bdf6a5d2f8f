import pytest

from guomen.clearance.services import (
    clearance_confirm,
    clearance_record_result,
    clearance_send_back,
    clearance_treatment_done,
)
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.inspections.models import InspectionTask
from guomen.inspections.services import inspection_task_cancel, inspection_task_open, inspection_task_start

from .factories import HazardFactory, open_task

pytestmark = pytest.mark.django_db

PEST = {"hazard_code": None, "description": "发现活体介壳虫", "count": 3}


def record(task, actor, **overrides):
    kwargs = {
        "outcome": "non_conforming",
        "notes": "",
        "findings": [PEST],
        "proposed_disposition": "return",
        "expected_version": task.version,
    }
    kwargs.update(overrides)
    return clearance_record_result(task=task, actor=actor, **kwargs)


def fresh(task):
    return InspectionTask.objects.select_related("declaration", "port").get(pk=task.pk)


# --- opening and starting -------------------------------------------------------------------------


def test_open_gives_the_port_a_task_prioritised_by_channel(orgs):
    task = open_task(orgs["WJD"], channel="physical_sampling")
    assert task.port == orgs["WJD"]
    assert task.status == "open"
    assert task.priority == 90


def test_opening_twice_returns_the_task_already_under_way(task):
    again = inspection_task_open(declaration=task.declaration, channel="physical")
    assert again.pk == task.pk
    assert InspectionTask.objects.filter(declaration=task.declaration).count() == 1


def test_start_assigns_the_task_to_me(task, inspector):
    inspection_task_start(task=task, actor=inspector)
    task = fresh(task)
    assert task.status == "in_progress"
    assert task.assignee == inspector
    assert AuditEvent.objects.filter(verb="inspection.start", object_id=str(task.pk)).exists()


def test_start_refuses_a_task_another_inspector_has_taken(task, inspector, make_user, orgs):
    inspection_task_start(task=task, actor=inspector)
    colleague = make_user("inspector", orgs["WJD"], username="colleague")
    with pytest.raises(Conflict):
        inspection_task_start(task=fresh(task), actor=colleague)


def test_inspector_of_another_jurisdiction_cannot_start(task, other_inspector):
    with pytest.raises(PermissionDenied):
        inspection_task_start(task=task, actor=other_inspector)


# --- recording the result -------------------------------------------------------------------------


def test_recording_moves_task_and_declaration_and_stores_findings(task, inspector):
    hazard = HazardFactory(code="PLANLI", name_zh="南洋臀纹粉蚧")
    record(task, inspector, findings=[{"hazard_code": "PLANLI", "description": "", "count": 2}, PEST])
    task = fresh(task)
    assert task.status == "awaiting_confirmation"
    assert task.outcome == "non_conforming"
    assert task.proposed_disposition == "return"
    assert task.recorded_by == inspector
    assert task.declaration.status == "pending_disposition"
    assert task.declaration.outcome == "non_conforming"
    first, second = task.findings.order_by("id")
    assert (first.hazard, first.description, first.count) == (hazard, "南洋臀纹粉蚧", 2)
    assert second.description == "发现活体介壳虫"


def test_non_conforming_needs_a_finding_or_a_note(task, inspector):
    with pytest.raises(ValidationFailed) as exc:
        record(task, inspector, findings=[], notes="")
    assert "findings" in exc.value.fields
    assert fresh(task).status == "open"


def test_non_conforming_with_only_a_note_is_accepted(task, inspector):
    record(task, inspector, findings=[], notes="标签缺少中文标识")
    assert fresh(task).notes == "标签缺少中文标识"


@pytest.mark.parametrize("disposition", ["return", "destroy"])
def test_conforming_cannot_propose_return_or_destroy(task, inspector, disposition):
    with pytest.raises(ValidationFailed) as exc:
        record(task, inspector, outcome="conforming", findings=[], proposed_disposition=disposition)
    assert "proposed_disposition" in exc.value.fields


def test_a_proposed_disposition_is_required(task, inspector):
    with pytest.raises(ValidationFailed) as exc:
        record(task, inspector, proposed_disposition="")
    assert "proposed_disposition" in exc.value.fields


def test_outcome_must_be_known(task, inspector):
    with pytest.raises(ValidationFailed) as exc:
        record(task, inspector, outcome="maybe")
    assert "outcome" in exc.value.fields


def test_bad_finding_rows_are_named(task, inspector):
    rows = [{"hazard_code": "NOPE", "description": "x", "count": 1}, {"description": "", "count": 0}]
    with pytest.raises(ValidationFailed) as exc:
        record(task, inspector, findings=rows)
    assert {"findings.0.hazard_code", "findings.1.description", "findings.1.count"} <= set(exc.value.fields)
    assert not task.findings.exists()


def test_lab_analyst_cannot_record(task, lab_analyst):
    with pytest.raises(PermissionDenied):
        record(task, lab_analyst)


def test_inspector_of_another_jurisdiction_cannot_record(task, other_inspector):
    with pytest.raises(PermissionDenied):
        record(task, other_inspector)
    assert fresh(task).status == "open"


def test_second_inspector_posting_on_the_same_task_gets_a_conflict(task, inspector, make_user, orgs):
    colleague = make_user("inspector", orgs["WJD"], username="colleague")
    mine, theirs = fresh(task), fresh(task)
    record(mine, inspector, proposed_disposition="return")
    with pytest.raises(Conflict):
        record(theirs, colleague, outcome="conforming", findings=[], proposed_disposition="release")
    task = fresh(task)
    assert (task.outcome, task.recorded_by) == ("non_conforming", inspector)


def test_result_with_a_stale_version_is_a_conflict(task, inspector, make_user, orgs):
    seen = task.version
    inspection_task_start(task=fresh(task), actor=inspector)
    with pytest.raises(Conflict):
        record(fresh(task), inspector, expected_version=seen)
    assert fresh(task).outcome == ""


def test_result_for_a_task_already_recorded_is_a_conflict(task, inspector):
    record(fresh(task), inspector)
    with pytest.raises(Conflict):
        record(fresh(task), inspector)


def test_nothing_is_saved_when_the_declaration_cannot_move(task, inspector):
    task.declaration.__class__.objects.filter(pk=task.declaration_id).update(status="cancelled")
    with pytest.raises(Conflict):
        record(fresh(task), inspector)
    task = fresh(task)
    assert task.status == "open"
    assert not task.findings.exists()


# --- confirming -----------------------------------------------------------------------------------


def recorded(task, inspector, **overrides):
    record(task, inspector, **overrides)
    return fresh(task)


def test_supervisor_confirms_the_proposal(task, inspector, supervisor):
    task = recorded(task, inspector)
    clearance_confirm(task=task, disposition="return", actor=supervisor, expected_version=task.version)
    task = fresh(task)
    assert task.status == "closed"
    assert (task.disposition, task.confirmed_by) == ("return", supervisor)
    assert task.declaration.status == "returned"


def test_deciding_differently_needs_a_reason(task, inspector, supervisor):
    task = recorded(task, inspector)
    with pytest.raises(ValidationFailed) as exc:
        clearance_confirm(task=task, disposition="destroy", actor=supervisor)
    assert "reason" in exc.value.fields
    assert fresh(task).status == "awaiting_confirmation"


def test_deciding_differently_with_a_reason_is_accepted(task, inspector, supervisor):
    task = recorded(task, inspector)
    clearance_confirm(task=task, disposition="destroy", actor=supervisor, reason="无法退运，就地销毁")
    assert fresh(task).declaration.status == "destroyed"


def test_conforming_result_cannot_be_confirmed_as_destroy(task, inspector, supervisor):
    task = recorded(task, inspector, outcome="conforming", findings=[], proposed_disposition="release")
    with pytest.raises(ValidationFailed):
        clearance_confirm(task=task, disposition="destroy", actor=supervisor, reason="x")


def test_inspector_cannot_confirm(task, inspector, make_user, orgs):
    task = recorded(task, inspector)
    with pytest.raises(PermissionDenied):
        clearance_confirm(task=task, disposition="return", actor=make_user("inspector", orgs["SZ"]))


def test_supervisor_of_another_branch_cannot_confirm(task, inspector, by_supervisor):
    task = recorded(task, inspector)
    with pytest.raises(PermissionDenied):
        clearance_confirm(task=task, disposition="return", actor=by_supervisor)


def test_nobody_confirms_their_own_result(task, supervisor):
    task = recorded(task, supervisor)
    with pytest.raises(PermissionDenied):
        clearance_confirm(task=task, disposition="return", actor=supervisor)


def test_confirming_twice_is_a_conflict(task, inspector, supervisor, make_user, orgs):
    task = recorded(task, inspector)
    stale = fresh(task)
    clearance_confirm(task=task, disposition="return", actor=supervisor)
    head_office = make_user("supervisor", orgs["GACC"], username="supervisor_gacc")
    with pytest.raises(Conflict):
        clearance_confirm(task=stale, disposition="release", actor=head_office, reason="x")
    assert fresh(task).declaration.status == "returned"


def test_confirm_with_a_stale_version_is_a_conflict(task, inspector, supervisor):
    task = recorded(task, inspector)
    with pytest.raises(Conflict):
        clearance_confirm(
            task=task, disposition="return", actor=supervisor, expected_version=task.version - 1
        )


# --- sending back and treatment -------------------------------------------------------------------


def test_send_back_needs_a_reason(task, inspector, supervisor):
    task = recorded(task, inspector)
    with pytest.raises(ValidationFailed) as exc:
        clearance_send_back(task=task, actor=supervisor, reason=" ")
    assert "reason" in exc.value.fields


def test_send_back_reopens_the_inspection(task, inspector, supervisor):
    task = recorded(task, inspector)
    clearance_send_back(task=task, actor=supervisor, reason="请复查第3托盘")
    task = fresh(task)
    assert task.status == "in_progress"
    assert task.declaration.status == "under_inspection"
    assert task.declaration.outcome == ""
    assert AuditEvent.objects.filter(verb="inspection.send_back", reason="请复查第3托盘").exists()


def test_re_inspection_replaces_the_findings(task, inspector, supervisor):
    task = recorded(task, inspector)
    clearance_send_back(task=task, actor=supervisor, reason="复查")
    record(fresh(task), inspector, outcome="conforming", findings=[], proposed_disposition="release")
    task = fresh(task)
    assert task.outcome == "conforming"
    assert not task.findings.exists()


def test_inspector_cannot_send_back(task, inspector):
    task = recorded(task, inspector)
    with pytest.raises(PermissionDenied):
        clearance_send_back(task=task, actor=inspector, reason="x")


def test_treatment_completion_releases_the_consignment(task, inspector, supervisor):
    task = recorded(task, inspector, proposed_disposition="treatment")
    clearance_confirm(task=task, disposition="treatment", treatment_kind="fumigation", actor=supervisor)
    assert fresh(task).declaration.status == "treatment"
    clearance_treatment_done(task=fresh(task), actor=inspector, reason="溴甲烷熏蒸完成")
    assert fresh(task).declaration.status == "released"


def test_treatment_completion_needs_a_treatment_order(task, inspector, supervisor):
    task = recorded(task, inspector)
    clearance_confirm(task=task, disposition="return", actor=supervisor)
    with pytest.raises(Conflict):
        clearance_treatment_done(task=fresh(task), actor=inspector)
    assert fresh(task).declaration.status == "returned"


def test_withdrawn_declaration_cancels_its_open_task(task, supervisor):
    assert inspection_task_cancel(declaration=task.declaration, actor=supervisor, reason="企业撤回报检") == 1
    assert fresh(task).status == "cancelled"
    assert AuditEvent.objects.filter(verb="inspection.cancel", reason="企业撤回报检").exists()
