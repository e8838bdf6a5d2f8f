"""A half-filled checklist survives going to 抽样登记 (sample registration) and back on the phone; the draft is
dropped once the result is recorded."""

import pytest

from guomen.labs.tests.factories import LaboratoryFactory

from ._phone_data import durian_requirement, durian_task
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_checklist_draft_survives_sampling_registration_and_back(phone, orgs, inspector, screenshot):
    durian_requirement()
    LaboratoryFactory(org=orgs["WJD"])
    task = durian_task(orgs["WJD"])
    login(phone, "inspector_wjd")
    phone.goto(f"/inspections/tasks/{task.pk}/")

    # Half the checklist, a note, a pest finding with its count
    item = phone.locator('[data-testid=check-item][data-code="pest.PLANLI"]')
    item.locator('label[for="c-pest.PLANLI-non_conform"]').click()
    phone.locator('label[for="c-phys.soil-conform"]').click()
    item.locator("input[name='check_note_pest.PLANLI']").fill("果柄处见白色蜡粉")
    phone.get_by_test_id("finding-row").first.get_by_test_id("finding-count").fill("4")
    phone.get_by_test_id("outcome-non_conforming").check()

    # To sampling registration, then back to the task by its link (a fresh page load)
    with phone.expect_navigation():
        phone.get_by_test_id("sample-new").click()
    phone.get_by_test_id("sample-form").wait_for()
    with phone.expect_navigation():
        phone.get_by_role("link", name="返回查验任务").click()

    phone.get_by_test_id("draft-restored").wait_for()
    assert phone.locator("#c-pest\\.PLANLI-non_conform").is_checked()
    assert phone.locator("#c-phys\\.soil-conform").is_checked()
    assert item.locator("input[name='check_note_pest.PLANLI']").input_value() == "果柄处见白色蜡粉"
    rows = phone.get_by_test_id("finding-row")
    assert rows.count() == 1
    assert rows.first.get_by_test_id("finding-hazard").input_value() == "PLANLI"
    assert rows.first.get_by_test_id("finding-count").input_value() == "4"
    assert phone.get_by_test_id("outcome-non_conforming").is_checked()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-draft-restored")

    # Recorded: the draft is gone (the page after a reload shows no restored draft)
    phone.select_option("select[name=proposed_disposition]", "return")
    phone.get_by_test_id("submit-result").click()
    phone.get_by_test_id("result-success").wait_for()
    phone.goto(f"/inspections/tasks/{task.pk}/")
    assert phone.get_by_test_id("draft-restored").count() == 0
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('gm-draft-')).length") == 0
