"""The enterprise's side on a phone: a hold reaches its inbox (with the unread count in the header), it
opens the consignment from the notification, and finds the notice in its workspace."""

import pytest

from guomen.clearance.services import clearance_confirm, clearance_record_result, clearance_submit
from guomen.declarations.tests.conftest import world  # noqa: F401
from guomen.declarations.tests.factories import submission
from guomen.inspections.models import InspectionTask
from guomen.targeting.models import TargetingSettings
from guomen.targeting.tests.factories import RuleProfileFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

INSTRUCTION = "开箱检查果蒂处橘小实蝇幼虫"


def test_a_hold_notification_opens_the_consignment(world, phone, desk, screenshot):  # noqa: F811
    RuleProfileFactory(name="甲类榴莲规则R7", hs_prefix="0810", channel="physical", instruction=INSTRUCTION)
    TargetingSettings.objects.create(random_rate=0.0)
    declaration = clearance_submit(actor=world["enterprise_user"], **submission(world))
    task = InspectionTask.objects.get(declaration=declaration)
    task = clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="发现活虫",
        proposed_disposition="return",
        actor=world["inspector"],
    )
    clearance_confirm(task=task, disposition="return", actor=world["supervisor"])

    login(phone, "ent_user")
    phone.goto("/enterprise/")
    assert phone.locator("[data-testid=workspace]").is_visible()
    screenshot(phone, "enterprise-workspace-phone")
    badge = phone.locator("nav a[href='/notifications/'] .badge").first
    assert badge.inner_text() == "2"  # selected, then held
    with phone.expect_navigation():
        phone.locator("nav a[href='/notifications/']").first.click()
    held = phone.locator("[data-testid=notification]", has_text="货物被扣留")
    assert held.count() == 1 and declaration.number in held.inner_text()
    assert INSTRUCTION not in phone.content() and "布控" not in phone.content()
    screenshot(phone, "enterprise-notifications-phone")
    with phone.expect_navigation():
        held.locator("a").first.click()
    assert phone.url.endswith(f"/declarations/{declaration.number}/")
    assert declaration.number in phone.locator("main").inner_text()
    phone.goto("/notifications/")
    assert phone.locator("nav a[href='/notifications/'] .badge").first.inner_text() == "1"

    login(desk, "ent_user")
    desk.goto("/enterprise/")
    notice = desk.locator("[data-testid=ws-documents] a").first
    assert "处理通知书" in notice.inner_text()
    screenshot(desk, "enterprise-workspace-desk")
