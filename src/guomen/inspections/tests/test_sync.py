"""Offline results replayed once per idempotency key, with a visible conflict when the task was closed."""

import pytest

from guomen.clearance.services import clearance_sync_results
from guomen.core.errors import PermissionDenied
from guomen.inspections.models import Finding, InspectionTask

from .factories import closed_by_colleague, open_task

pytestmark = pytest.mark.django_db


def item(task, key="k-1", **overrides):
    data = {
        "key": key,
        "task_id": task.pk,
        "outcome": "non_conforming",
        "notes": "离线记录",
        "findings": [{"description": "活体粉蚧", "count": 2}],
        "proposed_disposition": "return",
    }
    return data | overrides


def test_queued_result_is_recorded(task, inspector):
    [answer] = clearance_sync_results(items=[item(task)], actor=inspector)
    assert (answer["status"], answer["replayed"]) == ("recorded", False)
    assert InspectionTask.objects.get(pk=task.pk).status == "awaiting_confirmation"


def test_a_retry_with_the_same_key_records_nothing_twice(task, inspector):
    clearance_sync_results(items=[item(task)], actor=inspector)
    [again] = clearance_sync_results(items=[item(task)], actor=inspector)
    assert (again["status"], again["replayed"]) == ("recorded", True)
    assert Finding.objects.filter(task=task).count() == 1


def test_a_task_someone_else_closed_comes_back_as_a_conflict(task, inspector, supervisor, make_user, orgs):
    colleague = make_user("inspector", orgs["WJD"], username="li_si")
    closed_by_colleague(task, colleague, supervisor)
    [answer] = clearance_sync_results(items=[item(task)], actor=inspector)
    assert answer["status"] == "conflict" and answer["task_status"] == "closed"
    assert "supervisor_sz" in answer["message"]
    task = InspectionTask.objects.get(pk=task.pk)
    assert (task.outcome, task.recorded_by) == ("conforming", colleague)  # never overwritten


def test_each_item_gets_its_own_outcome(orgs, task, inspector):
    second = open_task(orgs["WJD"])
    answers = clearance_sync_results(
        items=[item(task, key="a"), item(second, key="b", outcome="maybe"), item(task, key="")],
        actor=inspector,
    )
    assert [a["status"] for a in answers] == ["recorded", "validation_error", "invalid"]
    assert "outcome" in answers[1]["fields"]
    assert InspectionTask.objects.get(pk=second.pk).status == "open"


def test_a_task_outside_the_jurisdiction_is_not_found(task, other_inspector):
    [answer] = clearance_sync_results(items=[item(task)], actor=other_inspector)
    assert answer["status"] == "not_found"


def test_keys_belong_to_their_user(orgs, task, inspector, make_user):
    colleague = make_user("inspector", orgs["WJD"])
    clearance_sync_results(items=[item(task, key="same")], actor=inspector)
    [answer] = clearance_sync_results(items=[item(open_task(orgs["WJD"]), key="same")], actor=colleague)
    assert answer["status"] == "recorded" and not answer["replayed"]


def test_lab_analyst_cannot_sync_results(task, lab_analyst):
    with pytest.raises(PermissionDenied):
        clearance_sync_results(items=[item(task)], actor=lab_analyst)
