"""Offline: today's pages open without signal, results are queued on the phone and synced once when the
signal returns; a task someone else closed meanwhile comes back as a visible conflict."""

import pytest

from guomen.accounts.choices import Role
from guomen.clearance.services import clearance_confirm, clearance_record_result
from guomen.inspections.models import InspectionTask

from ._phone_data import durian_requirement, durian_task
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def record_offline(phone, task, outcome, disposition):
    phone.goto(f"/inspections/tasks/{task.pk}/")
    phone.get_by_test_id(f"outcome-{outcome}").check()
    phone.select_option("select[name=proposed_disposition]", disposition)
    if outcome == "non_conforming":
        phone.get_by_test_id("result-notes").fill("离线：发现活体粉蚧")
    phone.get_by_test_id("submit-result").click()
    phone.get_by_test_id("queued-offline").wait_for()


def test_results_queued_offline_sync_once_with_a_conflict(
    phone, orgs, inspector, supervisor, make_user, screenshot
):
    durian_requirement()
    mine = durian_task(orgs["WJD"])
    contested = durian_task(orgs["WJD"])

    login(phone, "inspector_wjd")
    phone.goto("/inspections/my_tasks/")
    phone.locator("html[data-gm-sw=ready]").wait_for(state="attached")  # no eval under the CSP
    phone.locator("html[data-gm-cached='2']").wait_for(state="attached")
    assert "2" in phone.get_by_test_id("cache-status").inner_text()

    # No signal: both task pages still open from the phone, results are queued
    phone.context.set_offline(True)
    record_offline(phone, mine, "non_conforming", "return")
    record_offline(phone, contested, "conforming", "release")
    queue = phone.get_by_test_id("sync-queue")
    assert (
        mine.declaration.number in queue.inner_text() and contested.declaration.number in queue.inner_text()
    )
    screenshot(phone, "phone-6-offline-queue")
    assert InspectionTask.objects.get(pk=mine.pk).status == "open"

    # Meanwhile a colleague records the contested task and the supervisor closes it
    colleague = make_user(Role.INSPECTOR, orgs["WJD"], username="colleague_wjd")
    recorded = clearance_record_result(
        task=InspectionTask.objects.get(pk=contested.pk),
        outcome="non_conforming",
        notes="同事已查验",
        proposed_disposition="destroy",
        actor=colleague,
    )
    clearance_confirm(task=recorded, disposition="destroy", actor=supervisor)

    # Signal again: the queue is sent once; one recorded, one visible conflict
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    outcomes = phone.get_by_test_id("sync-outcome")
    outcomes.nth(1).wait_for()
    statuses = sorted(outcomes.nth(i).get_attribute("data-status") for i in range(outcomes.count()))
    assert statuses == ["conflict", "recorded"]
    conflict = phone.locator("[data-testid=sync-outcome][data-status=conflict]").inner_text()
    assert contested.declaration.number in conflict and "supervisor_sz" in conflict
    assert phone.get_by_test_id("sync-queue").is_hidden()
    screenshot(phone, "phone-7-synced")

    assert InspectionTask.objects.get(pk=mine.pk).status == "awaiting_confirmation"
    closed = InspectionTask.objects.get(pk=contested.pk)
    assert (closed.disposition, closed.recorded_by) == ("destroy", colleague)  # not overwritten

    # A second sync (e.g. a retry) sends nothing and records nothing twice
    phone.evaluate("window.gmSync()")
    assert InspectionTask.objects.get(pk=mine.pk).findings.count() == 0
    assert InspectionTask.objects.get(pk=mine.pk).version == 2
