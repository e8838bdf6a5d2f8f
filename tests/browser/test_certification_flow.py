"""Certification supervision as people click it: a supervisor files a CCC certificate and plans the annual check,
an inspector records it with a non-conformity, then closes it once the rectification is verified."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.certification.models import AnnualCheck, Certificate
from guomen.registry.tests.factories import EnterpriseFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_file_a_certificate_plan_record_and_close_the_annual_check(
    orgs, supervisor, inspector, desk, screenshot
):
    holder = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳华通电器进出口有限公司")
    today = timezone.localdate()
    login(desk, "supervisor_sz")
    desk.goto("/certification/")
    desk.click("[data-testid=certificate-new]")
    desk.fill("#id_enterprise", holder.uscc)
    desk.select_option("#id_scheme", "ccc")
    desk.fill("#id_number", "2024010901700001")
    desk.fill("#id_products", "电源适配器")
    desk.fill("#id_hs_code", "8504")
    desk.fill("#id_body_name", "中国质量认证中心")
    desk.fill("#id_valid_from", "2024-01-01")
    desk.fill("#id_valid_until", "2029-01-01")
    desk.click("[data-testid=certificate-form] button[type=submit]")
    desk.wait_for_selector("[data-testid=certificate-status]")
    assert desk.inner_text("[data-testid=certificate-status]") == "有效"
    desk.fill("[data-testid=check-plan] input[name=planned_on]", today.isoformat())
    desk.click("[data-testid=check-plan] button[type=submit]")
    desk.wait_for_selector("[data-testid=check-record]")
    screenshot(desk, "certification-check-planned")

    desk.context.clear_cookies()
    login(desk, "inspector_wjd")
    desk.goto(f"/certification/{Certificate.objects.get().pk}/")
    desk.select_option("[data-testid=check-record] select[name=item_marks]", "nc")
    desk.fill("[data-testid=check-record] input[name=checked_on]", today.isoformat())
    desk.fill("[data-testid=check-record] textarea[name=findings]", "铭牌未加施CCC标志")
    desk.fill(
        "[data-testid=check-record] input[name=rectification_due]",
        (today + dt.timedelta(days=15)).isoformat(),
    )
    desk.click("[data-testid=check-record] button[type=submit]")
    desk.wait_for_selector("[data-testid=check-close]")
    assert "整改中" in desk.inner_text("[data-testid=check-status]")
    desk.fill("[data-testid=check-close] input[name=rectified_on]", today.isoformat())
    desk.fill("[data-testid=check-close] input[name=reason]", "现场复查已加施标志")
    desk.click("[data-testid=check-close] button[type=submit]")
    desk.wait_for_selector("[data-testid=check-status]")
    screenshot(desk, "certification-check-closed")
    assert AnnualCheck.objects.get().status == "closed"
    assert "整改中" not in desk.inner_text("[data-testid=check-status]")
