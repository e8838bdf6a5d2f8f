"""Joint enforcement as a supervisor clicks it: hand a case over to 市场监管局 and record its reply; hold an interview
with an enterprise and record the commitment it signs; the enterprise's page shows both (the interview as a credit
warning too)."""

import pytest
from django.utils import timezone

from guomen.enforcement.models import Commitment, Handover, Interview
from guomen.registry.tests.factories import EnterpriseFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page, form: str):
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


def test_handover_reply_interview_and_commitment_show_on_the_enterprise(
    orgs, supervisor, desk, phone, screenshot
):
    firm = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳美妆进口贸易有限公司")
    today = timezone.localdate().isoformat()
    login(desk, "supervisor_sz")
    desk.goto("/enforcement/")
    form = "[data-testid=handover-form]"
    desk.select_option(f"{form} select[name=direction]", "out")
    desk.select_option(f"{form} select[name=agency]", "market")
    desk.fill(f"{form} input[name=agency_office]", "深圳市市场监督管理局")
    desk.fill(f"{form} input[name=enterprise]", firm.uscc)
    desk.fill(f"{form} input[name=subject]", "“清源”行动：涉嫌销售假冒进口化妆品")
    desk.fill(f"{form} input[name=handed_on]", today)
    desk.fill(f"{form} input[name=reference]", "深检移〔2026〕8号")
    _submit(desk, form)
    with desk.expect_navigation():
        desk.click("[data-testid=handovers] a")
    form = "[data-testid=handover-status-form]"
    desk.select_option(f"{form} select[name=to]", "accepted")
    desk.fill(f"{form} textarea[name=result]", "市场监管局回函：已受理并立案调查")
    _submit(desk, form)
    assert "已受理并立案调查" in desk.inner_text("[data-testid=handover-result]")
    assert Handover.objects.get().status == "accepted"
    screenshot(desk, "enforcement-handover-reply")

    desk.goto("/enforcement/")
    form = "[data-testid=interview-form]"
    desk.fill(f"{form} input[name=enterprise]", firm.uscc)
    desk.fill(f"{form} input[name=scheduled_on]", today)
    desk.fill(f"{form} input[name=subject]", "进口化妆品中文标签连续不合格")
    _submit(desk, form)
    form = "[data-testid=interview-hold]"
    desk.fill(f"{form} input[name=attendees]", "总经理、质量负责人")
    desk.fill(f"{form} input[name=outcome]", "一个月内完成标签整改，建立进货查验制度")
    _submit(desk, form)
    assert Interview.objects.get().status == "held"
    form = "[data-testid=commitment-form]"
    desk.fill(f"{form} input[name=enterprise]", firm.uscc)
    desk.select_option(f"{form} select[name=kind]", "integrity")
    desk.fill(f"{form} input[name=signed_on]", today)
    desk.fill(f"{form} textarea[name=text]", "如实申报，诚信守法经营，接受社会监督")
    _submit(desk, form)
    assert Commitment.objects.get().enterprise == firm

    desk.goto(f"/supervision/enterprises/{firm.pk}/")
    talks = desk.inner_text("[data-testid=enterprise-talks]")
    assert "进口化妆品中文标签连续不合格" in talks and "如实申报，诚信守法经营" in talks
    assert "约谈" in desk.inner_text("[data-testid=credit-events]")
    screenshot(desk, "enforcement-enterprise-page")
    desk.goto("/enforcement/interviews/")
    screenshot(desk, "enforcement-interviews")
    login(phone, "supervisor_sz")
    phone.goto("/enforcement/")
    screenshot(phone, "enforcement-overview-phone")
