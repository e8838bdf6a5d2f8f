"""Assigning spot-check inspectors by hand: a flagged check, replacing one, refusals, audit, the manual mark."""

import pytest

from guomen.core.errors import Conflict, IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.supervision import selectors, services
from guomen.supervision.eligibility import assignment_options

from .factories import EnterpriseFactory, PlanFactory


def _assign(task, a, b, actor, reason="原抽取查验员回避，人工补足", **kw):
    return services.check_assign_inspectors(
        task=task, inspector_a=a, inspector_b=b, reason=reason, actor=actor, **kw
    )


def _drawn_pair(orgs, supervisor):
    """A spot check of a 文锦渡 enterprise with two inspectors drawn at random."""
    EnterpriseFactory(org=orgs["WJD"])
    plan = services.plan_draw(plan=PlanFactory(org=orgs["SZ"], sample_count=1), seed=2, actor=supervisor)
    return plan.tasks.get()


def _items(task):
    return {i.position: ("conform", "") for i in task.items.all()}


def test_the_draw_flags_the_check_with_one_inspector(flagged, crew):
    assert flagged.inspector_a == crew["wjd"] and flagged.inspector_b is None
    assert flagged.needs_inspectors


def test_options_list_the_jurisdiction_with_the_conflict_reason(flagged, crew, other_inspector):
    options = {o["user"].username: o for o in assignment_options(flagged)}
    assert options["hg_1"]["eligible"] and options["inspector_wjd"]["current"]
    assert not options["wjd_kin"]["eligible"]
    assert "亲属在该企业任职" in options["wjd_kin"]["reasons"][0][1]
    assert "inspector_by" not in options  # 广州局 is not the plan's jurisdiction


def test_supervisor_completes_a_flagged_check_by_hand(flagged, crew, supervisor):
    task = _assign(flagged, crew["wjd"], crew["hg1"], supervisor)
    task.refresh_from_db()
    assert (task.inspector_a, task.inspector_b) == (crew["wjd"], crew["hg1"])
    assert not task.needs_inspectors and not task.assignment_note


def test_only_the_inspector_placed_by_hand_is_marked_manual(flagged, crew, supervisor):
    task = _assign(flagged, crew["wjd"], crew["hg1"], supervisor)
    task.refresh_from_db()
    assert (task.inspector_a_manual, task.inspector_b_manual) == (False, True) and task.manually_assigned
    assert task.assigned_by == supervisor and task.assignment_reason == "原抽取查验员回避，人工补足"


def test_replacing_an_ill_inspector_of_a_drawn_pair(orgs, supervisor, wjd_inspectors):
    task = _drawn_pair(orgs, supervisor)
    ill = task.inspector_b
    spare = next(u for u in wjd_inspectors if u not in task.inspectors)
    _assign(task, task.inspector_a, spare, supervisor, reason="查验员病假")
    assert task.pk not in {t.pk for t in selectors.my_checks(ill)}
    assert task.pk in {t.pk for t in selectors.my_checks(spare)}
    task.refresh_from_db()
    assert (task.inspector_a_manual, task.inspector_b_manual) == (False, True)


def test_a_conflicted_inspector_is_refused_naming_the_conflict(flagged, crew, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _assign(flagged, crew["wjd"], crew["conflicted"], supervisor)
    message = exc.value.fields["inspector_b"][0]
    assert "王亲" in message and "利益冲突" in message and "亲属在该企业任职" in message
    flagged.refresh_from_db()
    assert flagged.inspector_b is None


def test_the_inspectors_of_the_previous_cycle_are_refused(orgs, supervisor, crew):
    firm = EnterpriseFactory(org=orgs["HG"])
    first = services.plan_draw(
        plan=PlanFactory(org=orgs["HG"], sample_count=1), seed=1, actor=supervisor
    ).tasks.get()
    assert first.enterprise == firm and {first.inspector_a, first.inspector_b} == {crew["hg1"], crew["hg2"]}
    second = services.plan_draw(plan=PlanFactory(org=orgs["SZ"], sample_count=1), seed=1, actor=supervisor)
    task = second.tasks.get()
    with pytest.raises(ValidationFailed) as exc:
        _assign(task, crew["wjd"], crew["hg1"], supervisor)
    assert "上一轮抽查" in exc.value.fields["inspector_b"][0]


def test_a_reason_is_required(flagged, crew, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _assign(flagged, crew["wjd"], crew["hg1"], supervisor, reason="  ")
    assert "reason" in exc.value.fields


def test_two_inspectors_are_required(flagged, crew, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _assign(flagged, crew["wjd"], None, supervisor)
    assert "inspector_b" in exc.value.fields


def test_the_same_person_cannot_take_both_places(flagged, crew, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _assign(flagged, crew["hg1"], crew["hg1"], supervisor)
    assert "inspector_b" in exc.value.fields


def test_an_inspector_of_another_jurisdiction_is_refused(flagged, crew, supervisor, other_inspector):
    with pytest.raises(ValidationFailed) as exc:
        _assign(flagged, crew["wjd"], other_inspector, supervisor)
    assert "inspector_b" in exc.value.fields


def test_choosing_the_pair_already_there_changes_nothing(orgs, supervisor, wjd_inspectors):
    task = _drawn_pair(orgs, supervisor)
    with pytest.raises(ValidationFailed):
        _assign(task, task.inspector_b, task.inspector_a, supervisor)


def test_the_assignment_is_audited_with_the_reason(flagged, crew, supervisor):
    _assign(flagged, crew["wjd"], crew["hg1"], supervisor)
    event = AuditEvent.objects.get(verb="spotcheck.inspectors_assigned", object_id=str(flagged.pk))
    assert event.actor == supervisor and event.reason == "原抽取查验员回避，人工补足"
    assert event.before["inspector_b_username"] == "" and event.after["inspector_b_username"] == "hg_1"
    assert event.after["inspector_b_manual"] is True and event.after["method"] == "manual"


@pytest.mark.parametrize("who", ["inspector", "analyst", "gz_supervisor", "firm_user"])
def test_only_a_supervisor_of_the_plan_assigns(request, flagged, crew, who):
    with pytest.raises(PermissionDenied):
        _assign(flagged, crew["wjd"], crew["hg1"], request.getfixturevalue(who))


def test_a_stale_version_is_a_conflict(flagged, crew, supervisor):
    stale = flagged.version
    _assign(flagged, crew["wjd"], crew["hg1"], supervisor, expected_version=stale)
    with pytest.raises(Conflict):
        _assign(flagged, crew["wjd"], crew["hg2"], supervisor, expected_version=stale)
    flagged.refresh_from_db()
    assert flagged.inspector_b == crew["hg1"]


def test_a_concurrent_edit_of_the_loaded_check_is_a_conflict(flagged, crew, supervisor):
    from guomen.supervision.models import SpotCheckTask

    mine = SpotCheckTask.objects.get(pk=flagged.pk)
    _assign(flagged, crew["wjd"], crew["hg1"], supervisor)  # someone else, a moment earlier
    with pytest.raises(Conflict):
        _assign(mine, crew["wjd"], crew["hg2"], supervisor)


def test_a_started_check_cannot_be_reassigned(orgs, supervisor, wjd_inspectors):
    task = _drawn_pair(orgs, supervisor)
    services.check_record(task=task, items=_items(task), actor=task.inspector_a)
    spare = next(u for u in wjd_inspectors if u not in task.inspectors)
    with pytest.raises(IllegalTransition):
        _assign(task, task.inspector_a, spare, supervisor)


def test_a_check_with_one_inspector_cannot_start(flagged, crew):
    with pytest.raises(ValidationFailed) as exc:
        services.check_record(task=flagged, items=_items(flagged), actor=crew["wjd"])
    assert "两名" in str(exc.value.message)


def test_a_conflict_declared_after_the_draw_stops_the_check_until_replaced(orgs, supervisor, wjd_inspectors):
    task = _drawn_pair(orgs, supervisor)
    gone = task.inspector_a
    services.conflict_declare(enterprise=task.enterprise, reason="曾在该企业兼职", actor=gone)
    with pytest.raises(ValidationFailed):
        services.check_record(task=task, items=_items(task), actor=task.inspector_b)
    spare = next(u for u in wjd_inspectors if u not in task.inspectors)
    _assign(task, spare, task.inspector_b, supervisor, reason="查验员申报利益冲突，更换")
    services.check_record(task=task, items=_items(task), actor=spare)
    assert task.status == "recorded"


def test_public_results_say_when_inspectors_were_assigned_by_hand(
    flagged, crew, supervisor, second_supervisor
):
    _assign(flagged, crew["wjd"], crew["hg1"], supervisor)
    services.check_record(task=flagged, items=_items(flagged), actor=crew["hg1"])
    services.check_publish(task=flagged, actor=second_supervisor)  # four eyes: not the one who assigned
    [row] = selectors.published_spot_check_results()
    assert row["inspector_selection"] == "manual" and row["inspector_selection_label"] == "人工指派"
    assert not any(name in str(row.values()) for name in ("皇岗一", "hg_1", "inspector_wjd"))


def test_public_results_of_a_random_pair_say_drawn_at_random(orgs, supervisor, wjd_inspectors):
    task = _drawn_pair(orgs, supervisor)
    services.check_record(task=task, items=_items(task), actor=task.inspector_a)
    services.check_publish(task=task, actor=supervisor)
    [row] = selectors.published_spot_check_results()
    assert row["inspector_selection"] == "random" and row["inspector_selection_label"] == "随机抽取"
