"""The flow refuses what the rules refuse, changes nothing when it does, and lets the leader override."""

import pytest

from guomen.clearance.errors import ReleaseRefused
from guomen.clearance.models import ReleaseOverride
from guomen.clearance.services import (
    clearance_confirm,
    clearance_submit,
    override_grant,
    override_refuse,
    override_request,
)
from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.inspections.models import RectificationRequest

from .helpers import fresh, lab_result, record_conforming, sample_at_lab


def _story_recorded(story_task, inspector):
    from guomen.clearance.services import clearance_record_result

    return clearance_record_result(
        task=story_task, outcome="conforming", proposed_disposition="release", actor=inspector
    )


def test_release_of_the_story_consignment_is_refused_with_every_reason(story_task, inspector, supervisor):
    task = _story_recorded(story_task, inspector)
    with pytest.raises(ReleaseRefused) as exc:
        clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    codes = {r["code"] for r in exc.value.rules}
    assert {"base_not_registered", "document_missing", "inspection_not_done"} <= codes


def test_a_refused_release_changes_nothing_and_writes_no_audit(story_task, inspector, supervisor):
    task = fresh(_story_recorded(story_task, inspector))
    events = AuditEvent.objects.count()
    with pytest.raises(ReleaseRefused):
        clearance_confirm(task=task, disposition="release", actor=supervisor)
    task = fresh(task)
    assert (task.status, task.declaration.status) == ("awaiting_confirmation", "pending_disposition")
    assert AuditEvent.objects.count() == events


def test_a_hard_stop_does_not_prevent_returning_the_goods(story_task, inspector, supervisor):
    task = _story_recorded(story_task, inspector)
    clearance_confirm(
        task=fresh(task),
        disposition="treatment",
        treatment_kind="fumigation",
        reason="证书缺失，暂不放行",
        actor=supervisor,
    )
    assert fresh(task).declaration.status == "treatment"


def test_a_pending_sample_holds_every_confirmation(clean_task, inspector, supervisor, lab_analyst, lab):
    sample_at_lab(clean_task, inspector, lab_analyst, lab)
    task = record_conforming(clean_task, inspector)
    with pytest.raises(ReleaseRefused) as exc:
        clearance_confirm(
            task=fresh(task),
            disposition="treatment",
            treatment_kind="fumigation",
            reason="先处理",
            actor=supervisor,
        )
    assert [r["code"] for r in exc.value.rules] == ["sample_pending"]


def test_a_failed_lab_result_refuses_release_and_allows_destruction(
    clean_task, inspector, supervisor, lab_analyst, second_analyst, lab, residue
):
    sample = sample_at_lab(clean_task, inspector, lab_analyst, lab)
    task = record_conforming(clean_task, inspector)
    lab_result(sample, lab_analyst, second_analyst, residue, value="0.10")
    with pytest.raises(ReleaseRefused) as exc:
        clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    assert "毒死蜱" in exc.value.rules[0]["evidence"][0]
    clearance_confirm(task=fresh(task), disposition="destroy", reason="农残超标", actor=supervisor)
    assert fresh(task).declaration.status == "destroyed"


def test_a_conforming_lab_result_lets_the_release_through(
    clean_task, inspector, supervisor, lab_analyst, second_analyst, lab, residue
):
    sample = sample_at_lab(clean_task, inspector, lab_analyst, lab)
    task = record_conforming(clean_task, inspector)
    lab_result(sample, lab_analyst, second_analyst, residue, value="0.01")
    clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    assert fresh(task).declaration.status == "released"


def test_a_conditional_release_may_go_while_the_sample_is_at_the_laboratory(
    clean_task, inspector, supervisor, lab_analyst, lab
):
    sample_at_lab(clean_task, inspector, lab_analyst, lab)
    task = record_conforming(clean_task, inspector, proposed="conditional_release", conditions="封存待检")
    clearance_confirm(task=fresh(task), disposition="conditional_release", actor=supervisor)
    assert fresh(task).declaration.status == "released"


def test_a_failure_after_a_conditional_release_opens_a_recall_item(
    clean_task, inspector, supervisor, lab_analyst, second_analyst, lab, residue
):
    sample = sample_at_lab(clean_task, inspector, lab_analyst, lab)
    task = record_conforming(clean_task, inspector, proposed="conditional_release", conditions="封存待检")
    clearance_confirm(task=fresh(task), disposition="conditional_release", actor=supervisor)
    lab_result(sample, lab_analyst, second_analyst, residue, value="0.10")
    item = RectificationRequest.objects.get(task=task)
    assert "召回" in item.subject and item.owner == supervisor and "毒死蜱" in item.details


def test_a_green_declaration_missing_its_certificate_goes_to_a_document_check(world):
    from guomen.catalog.tests.factories import ImportRequirementFactory
    from guomen.declarations.tests.factories import line_data, submission

    ImportRequirementFactory(
        hs=world["valve"],
        origin=world["thailand"],
        registered_base_required=False,
        required_documents=["certificate_of_origin"],
    )
    valve = line_data(world, hs_code="848180", description="阀门", production_base_codes=[])
    declaration = clearance_submit(
        actor=world["enterprise_user"], **submission(world, lines=[valve], documents=[])
    )
    assert declaration.status == "under_inspection" and declaration.channel == "document"
    assert "原产地证书" in declaration.inspection_tasks.get().instruction


# --- overrides -----------------------------------------------------------------------------------


@pytest.fixture
def asked(story_task, inspector, supervisor):
    task = _story_recorded(story_task, inspector)
    return override_request(
        task=fresh(task), disposition="release", reason="鲜活易腐，已核实证书在途", actor=supervisor
    )


def test_the_override_request_keeps_the_hard_stops_it_asks_about(asked):
    assert {"base_not_registered", "document_missing"} <= asked.rule_codes
    assert asked.status == "requested"


def test_a_leader_grants_and_the_goods_are_released_with_audit_events(asked, leader):
    override_grant(override=asked, reason="经局长办公会研究同意", actor=leader)
    task = fresh(asked.task)
    assert task.declaration.status == "released" and task.confirmed_by == leader
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"clearance.override.request", "clearance.override.grant"} <= verbs


def test_the_supervisor_who_asked_cannot_grant(asked, supervisor):
    with pytest.raises(PermissionDenied):
        override_grant(override=asked, reason="自批", actor=supervisor)


def test_a_leader_who_asked_cannot_grant_his_own_request(story_task, inspector, leader):
    task = _story_recorded(story_task, inspector)
    own = override_request(task=fresh(task), disposition="release", reason="急需", actor=leader)
    with pytest.raises(PermissionDenied):
        override_grant(override=own, reason="同意", actor=leader)


def test_a_refused_override_leaves_the_task_awaiting_confirmation(asked, leader):
    override_refuse(override=asked, reason="证书缺失不得放行", actor=leader)
    assert fresh(asked.task).status == "awaiting_confirmation"
    assert ReleaseOverride.objects.get().status == "refused"


def test_an_override_needs_a_reason(story_task, inspector, supervisor):
    task = _story_recorded(story_task, inspector)
    with pytest.raises(ValidationFailed):
        override_request(task=fresh(task), disposition="release", reason=" ", actor=supervisor)


def test_a_failed_lab_result_cannot_be_overridden(
    clean_task, inspector, supervisor, lab_analyst, second_analyst, lab, residue
):
    sample = sample_at_lab(clean_task, inspector, lab_analyst, lab)
    task = record_conforming(clean_task, inspector)
    lab_result(sample, lab_analyst, second_analyst, residue, value="0.10")
    with pytest.raises(ReleaseRefused):
        override_request(task=fresh(task), disposition="release", reason="复检", actor=supervisor)


def test_overlong_override_conditions_are_refused_not_cut(story_task, inspector, supervisor):
    task = _story_recorded(story_task, inspector)
    with pytest.raises(ValidationFailed) as exc:
        override_request(
            task=fresh(task),
            disposition="conditional_release",
            reason="急需",
            conditions="冷" * 2001,
            actor=supervisor,
        )
    assert "conditions" in exc.value.fields and not ReleaseOverride.objects.exists()
