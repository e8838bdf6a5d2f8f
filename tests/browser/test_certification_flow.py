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


def test_a_ccc_catalogue_entry_added_in_the_browser_stops_the_release_of_uncertified_goods(
    orgs, admin_user, supervisor, inspector, desk, screenshot
):
    from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
    from guomen.clearance.services import clearance_record_result, clearance_submit
    from guomen.declarations.models import Declaration
    from guomen.inspections.models import InspectionTask
    from guomen.inspections.tests.factories import PHYSICAL_CHECKED
    from guomen.targeting.models import SimpleRule

    HsCodeFactory(code="8504", name_zh="变压器、静止式变流器及电感器")
    HsCodeFactory(code="850440", name_zh="静止式变流器")
    CountryFactory(code="DE")
    SimpleRule.objects.create(
        name="电源适配器查验", hs_prefix="8504", channel="physical", instruction="核对铭牌"
    )
    importer = EnterpriseFactory(org=orgs["SZ"], name_zh="深圳华通电器进出口有限公司")

    # The general bureau's administrator puts power adapters in the CCC catalogue; a wrong code is refused first
    login(desk, "admin_gacc")
    desk.goto("/certification/")
    desk.click("[data-testid=catalogue-link]")
    desk.fill("[data-testid=catalogue-form] input[name=hs_prefix]", "8599")
    desk.fill("[data-testid=catalogue-form] input[name=name_zh]", "电源适配器及充电器")
    desk.click("[data-testid=catalogue-form] button[type=submit]")
    desk.get_by_text("HS编码或前缀：商品编码目录中没有 8599。").wait_for()
    desk.fill("[data-testid=catalogue-form] input[name=hs_prefix]", "8504")
    desk.fill("[data-testid=catalogue-form] input[name=announcement]", "认监委公告2020年第18号")
    desk.click("[data-testid=catalogue-form] button[type=submit]")
    desk.get_by_text("条目已加入强制性产品认证目录").wait_for()
    assert "电源适配器及充电器" in desk.inner_text("[data-testid=catalogue]")
    screenshot(desk, "certification-ccc-catalogue")

    # Power adapters for an importer without a CCC certificate are inspected, found conforming, and still refused
    declaration = clearance_submit(
        actor=None,
        direction="import",
        port_code="WJD",
        declarant_uscc=importer.uscc,
        origin_country="DE",
        transport="truck",
        arrival_date=dt.date.today(),
        lines=[
            {
                "hs_code": "850440",
                "description": "电源适配器",
                "quantity": 500,
                "unit": "个",
                "net_weight_kg": 200,
                "value": 5000,
                "currency": "USD",
            }
        ],
        documents=[],
    )
    task = InspectionTask.objects.get(declaration=declaration)
    clearance_record_result(
        task=task,
        outcome="conforming",
        proposed_disposition="release",
        checklist=PHYSICAL_CHECKED,
        actor=inspector,
    )
    desk.context.clear_cookies()
    login(desk, "supervisor_sz")
    desk.goto("/inspections/confirmations/")
    card = desk.get_by_test_id("confirmation-card").filter(has_text=declaration.number)
    assert "强制性产品认证目录" in card.get_by_test_id("release-rules").inner_text()
    with desk.expect_response(lambda r: r.url.endswith("/confirm/")):
        card.get_by_test_id("confirm-disposition").click()
    desk.get_by_text("放行条件未满足").first.wait_for()
    screenshot(desk, "certification-ccc-release-refused")
    assert Declaration.objects.get(pk=declaration.pk).status == "pending_disposition"

    # The administrator retires the entry: the history stays, and the same consignment is released
    desk.context.clear_cookies()
    login(desk, "admin_gacc")
    desk.goto("/certification/catalogue/")
    desk.get_by_role("link", name="8504").click()
    desk.fill("[data-testid=catalogue-retire] input[name=reason]", "目录调整，移出强制性认证范围")
    desk.click("[data-testid=catalogue-retire] button[type=submit]")
    desk.get_by_text("条目已停止实施").first.wait_for()
    assert desk.inner_text("[data-testid=entry-state]") == "已停止实施"
    screenshot(desk, "certification-ccc-entry-retired")
    desk.context.clear_cookies()
    login(desk, "supervisor_sz")
    desk.goto("/inspections/confirmations/")
    card = desk.get_by_test_id("confirmation-card").filter(has_text=declaration.number)
    assert "强制性产品认证目录" not in card.get_by_test_id("release-rules").inner_text()
