"""A foreign notification about our exports traced back as the bureau clicks it: the analyst enters it and
confirms the exporter offered with the highest score, the supervisor investigates, records the findings and asks
for a rectification, the exporter answers, the supervisor accepts it and closes the case; the KPI page counts it."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.catalog.tests.factories import CommodityGroupFactory, CountryFactory, HsCodeFactory
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.tracebacks.models import TraceCase
from guomen.tracebacks.tests.conftest import export

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page, form):
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


def _as(page, username):
    page.context.clear_cookies()
    login(page, username)


def walk_trace_back(
    desk, *, reference, subject, group, operator, numbers, exporter_login, candidates=None
) -> str:
    """The analyst enters the notification and confirms the best candidate; the supervisor investigates, records
    findings and asks for a rectification; the exporter answers; the supervisor accepts it and closes the case."""
    today = timezone.localdate()
    _as(desk, "analyst_sz")
    desk.goto("/tracebacks/")
    desk.click("[data-testid=tb-new]")
    desk.fill("#id_reference", reference)
    desk.fill("#id_authority", "香港食物安全中心")
    desk.fill("#id_notifying_country", "HK")
    desk.fill("#id_notified_on", today.isoformat())
    desk.fill("#id_subject", subject)
    desk.fill("#id_commodity_group", group)
    desk.fill("#id_operator", operator)
    desk.fill("#id_numbers", numbers)
    _submit(desk, "[data-testid=tb-new-form]")
    rows = desk.locator("[data-testid=tb-candidate]")
    if candidates is not None:
        assert rows.count() == candidates
    assert operator in rows.first.inner_text()
    assert desk.inner_text("[data-testid=tb-score] >> nth=0") == "100"
    with desk.expect_navigation():
        rows.first.locator("[data-testid=tb-confirm]").click()
    number = TraceCase.objects.get().number
    assert desk.inner_text("[data-testid=tb-case-status]") == "调查中"

    _as(desk, "supervisor_sz")
    desk.goto(f"/tracebacks/cases/{number}/")
    desk.fill("[data-testid=tb-task-form] input[name=title]", "核查基地用药记录")
    desk.fill("[data-testid=tb-task-form] input[name=due_date]", today.isoformat())
    _submit(desk, "[data-testid=tb-task-form]")
    desk.fill("[data-testid=tb-tasks] input[name=result]", "安全间隔期未执行")
    with desk.expect_navigation():
        desk.click("[data-testid=tb-task-done]")
    form = "[data-testid=tb-findings-form]"
    desk.fill(f"{form} textarea[name=findings]", "基地未执行农药安全间隔期")
    desk.select_option(f"{form} select[name=cause]", "exporter")
    desk.select_option(f"{form} select[name=severity]", "general")
    desk.check(f"{form} input[name=rectify]")
    desk.fill(f"{form} input[name=subject]", "完善用药管理")
    desk.fill(f"{form} input[name=due_date]", (today + dt.timedelta(days=7)).isoformat())
    _submit(desk, form)
    assert desk.inner_text("[data-testid=tb-case-status]") == "整改中"
    rectification = desk.get_attribute("[data-testid=tb-rectification]", "href")

    _as(desk, exporter_login)
    desk.goto("/tracebacks/")
    assert "出口产品境外通报" not in desk.content()  # never the queue
    desk.goto(rectification)
    desk.fill("[data-testid=rectification-answer-input]", "已停用违规农药并培训基地人员")
    with desk.expect_navigation():
        desk.click("[data-testid=rectification-answer-submit]")

    _as(desk, "supervisor_sz")
    desk.goto(rectification)
    with desk.expect_navigation():
        desk.click("[data-testid=rectification-close]")
    desk.goto(f"/tracebacks/cases/{number}/")
    desk.fill("[data-testid=tb-close-form] textarea[name=report]", "通报属实，企业已整改到位，结案。")
    _submit(desk, "[data-testid=tb-close-form]")
    assert desk.inner_text("[data-testid=tb-case-status]") == "已结案"

    return number


def test_notification_to_closed_case_counted_on_the_kpi_page(
    orgs, analyst, supervisor, make_user, desk, screenshot
):
    veg = HsCodeFactory(
        code="070490", group=CommodityGroupFactory(code="vegetables", name_zh="蔬菜", hs_prefixes=["07"])
    )
    CountryFactory(code="HK")
    exporter = EnterpriseFactory(org=orgs["WJD"], kind="exporter", name_zh="深圳市优果农业发展有限公司")
    other = EnterpriseFactory(org=orgs["WJD"], kind="exporter", name_zh="深圳市长青农业发展有限公司")
    export(orgs["WJD"], exporter, veg, 0, "EXWJD0000000001")
    export(orgs["WJD"], other, veg, 0, "EXWJD0000000002")
    make_user(Role.ENTERPRISE, None, exporter, username="exporter_user")
    number = walk_trace_back(
        desk,
        reference="CFS-2026-0001",
        subject="菜心样本氧乐果残留超标",
        group="vegetables",
        operator="深圳市优果农业发展有限公司",
        numbers="EXWJD0000000001",
        exporter_login="exporter_user",
        candidates=2,
    )
    screenshot(desk, "traceback-case-closed")
    kpi_counts(desk, number)
    desk.set_viewport_size({"width": 390, "height": 844})
    desk.goto("/tracebacks/?queue=confirmed")
    assert "CFS-2026-0001" in desk.inner_text("[data-testid=tb-table]")
    screenshot(desk, "traceback-queue-phone")


def kpi_counts(desk, number: str) -> None:
    """The KPI page counts one confirmed notification and drills down to the case."""
    desk.goto("/reports/kpis/")
    fraction = desk.inner_text("[data-testid=kpi-foreign_notification-fraction]")
    assert " 1 " in f" {fraction} ".replace("\n", " ")
    with desk.expect_navigation():
        desk.click("[data-testid=kpi-foreign_notification-drill]")
    assert number in desk.inner_text("[data-testid=tb-case-table]")
