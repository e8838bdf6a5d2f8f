"""The home page puts the supervisor's own queues first (phone and desk); a queue is a link to the work."""

import pytest

from guomen.inspections.tests.factories import InspectionTaskFactory, declaration_under_inspection
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.supervision import services as supervision

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_supervisor_home_shows_queues_first_and_opens_the_approvals(
    orgs, supervisor, analyst, phone, desk, screenshot
):
    InspectionTaskFactory(
        declaration=declaration_under_inspection(orgs["WJD"]), status="awaiting_confirmation"
    )
    firm = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市待审批示例有限公司")
    supervision.blacklist_propose(enterprise=firm, reason="伪造植物检疫证书", actor=analyst)

    login(desk, "supervisor_sz")
    desk.goto("/")
    assert desk.get_by_test_id("queue-to_confirm").inner_text().split() == ["1", "待确认"]
    screenshot(desk, "home-queues-desk")

    login(phone, "supervisor_sz")
    phone.goto("/")
    first = phone.locator("[data-testid^=queue-]").first.bounding_box()
    tiles = phone.get_by_test_id("home-tiles").bounding_box()
    assert first["y"] < tiles["y"]  # the queues come before the other tiles
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "home-queues-phone")
    with phone.expect_navigation():
        phone.get_by_test_id("queue-approvals").click()
    assert firm.name_zh in phone.get_by_test_id("approvals").inner_text()


def test_inspector_lands_on_his_tasks_with_his_queues_on_top(orgs, inspector, phone, screenshot):
    from guomen.inspections.tests.factories import open_task

    open_task(orgs["WJD"])
    InspectionTaskFactory(declaration=declaration_under_inspection(orgs["WJD"]), status="in_progress")
    login(phone, "inspector_wjd")
    assert phone.get_by_test_id("queue-to_inspect").inner_text().split() == ["1", "待查验"]
    assert phone.get_by_test_id("queue-in_progress").inner_text().split() == ["1", "进行中"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "home-queues-inspector-phone")
