"""An emergency response as a supervisor walks it: from a published early warning, activate the port-epidemic plan;
on a phone, add a task, a duty and a status report; close it with a review. An inspector of another unit never sees
it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guomen.emergency import services
from guomen.emergency.models import Activation
from guomen.risk.early_warnings import warning_create, warning_publish, warning_validate
from guomen.risk.tests.conftest import risk_world
from guomen.risk.tests.factories import warning_data

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page, form: str):
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


def test_a_warning_starts_the_port_epidemic_response_walked_to_its_review(
    orgs, make_user, browser, live_server, desk, phone, screenshot
):
    rw = risk_world(orgs, make_user)
    warning = warning_create(
        actor=rw["analyst"],
        data=warning_data(
            rw, title="境外输入性传染病疫情风险预警", body="邻近地区暴发疫情，口岸入境人员增多。"
        ),
    )
    warning_validate(warning=warning, actor=rw["supervisor"])
    warning_publish(warning=warning, actor=rw["second_supervisor"])
    plan = services.plan_save(
        org=orgs["SZ"], kind="port_health", title="深圳局口岸突发传染病疫情应急预案",
        contacts="应急指挥部 0755-88880000", revised_on=dt.date(2026, 3, 1), actor=rw["supervisor"],
    )  # fmt: skip
    services.plan_save(
        org=orgs["SZ"], kind="network", title="深圳局网络与信息系统突发事件应急预案",
        contacts="信息中心 0755-88880001", revised_on=dt.date(2026, 3, 1), actor=rw["supervisor"],
    )  # fmt: skip

    login(desk, "sv_sz")
    desk.goto("/emergency/")
    desk.select_option("select[name=kind]", "port_health")
    expect(desk.locator("[data-testid=plans]")).not_to_contain_text("网络与信息系统")
    screenshot(desk, "emergency-plans")
    with desk.expect_navigation():
        desk.click("[data-testid=plans] a")
    desk.fill("[data-testid=drill-form] input[name=held_on]", timezone.localdate().isoformat())
    desk.fill("[data-testid=drill-form] input[name=scenario]", "入境航班发现发热旅客处置演练")
    desk.fill("[data-testid=drill-form] textarea[name=findings]", "转运衔接顺畅")
    _submit(desk, "[data-testid=drill-form]")
    assert "入境航班发现发热旅客处置演练" in desk.inner_text("[data-testid=plan-drills]")
    screenshot(desk, "emergency-plan")
    desk.goto(f"/risk/warnings/{warning.pk}/")
    with desk.expect_navigation():
        desk.click("[data-testid=warning-activate]")
    desk.select_option("#id_plan", str(plan.pk))
    assert desk.input_value("#id_early_warning") == str(warning.pk)
    desk.fill("#id_instructions", "启动口岸联防联控，加强入境人员体温监测")
    screenshot(desk, "emergency-activate-from-warning")
    _submit(desk, "[data-testid=activate-form]")
    activation = Activation.objects.get()
    assert activation.plan == plan and activation.early_warning == warning

    login(phone, "sv_sz")
    phone.goto(f"/emergency/activations/{activation.pk}/")
    assert "应急响应中" in phone.inner_text("[data-testid=activation-status]")
    phone.click("[data-testid=task-form] summary")
    phone.fill("[data-testid=task-form] input[name=title]", "对同航班旅客开展流行病学调查")
    phone.select_option("[data-testid=task-form] select[name=assignee]", "in_wjd")
    phone.fill("[data-testid=task-form] input[name=due_on]", timezone.localdate().isoformat())
    _submit(phone, "[data-testid=task-form]")
    assert "对同航班旅客开展流行病学调查" in phone.inner_text("[data-testid=tasks]")
    phone.click("[data-testid=duty-form] summary")
    phone.select_option("[data-testid=duty-form] select[name=person]", "sv_sz")
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    phone.fill("[data-testid=duty-form] input[name=starts_at]", start.strftime("%Y-%m-%dT%H:%M"))
    phone.fill(
        "[data-testid=duty-form] input[name=ends_at]",
        (start + dt.timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M"),
    )
    phone.fill("[data-testid=duty-form] input[name=phone]", "138 0000 0001")
    _submit(phone, "[data-testid=duty-form]")
    assert "138 0000 0001" in phone.inner_text("[data-testid=duties]")
    phone.fill(
        "[data-testid=report-form] textarea[name=text]",
        "已对入境航班实施登临检疫，发现发热旅客1名，已转运定点医院",
    )
    _submit(phone, "[data-testid=report-form]")
    assert "发热旅客1名" in phone.inner_text("[data-testid=reports]")
    screenshot(phone, "emergency-response-phone")
    phone.fill("[data-testid=close-form] textarea[name=review]", "响应及时，转运衔接顺畅；需补充夜间值班人员")
    _submit(phone, "[data-testid=close-form]")
    assert "已总结结束" in phone.inner_text("[data-testid=activation-status]")
    assert "夜间值班" in phone.inner_text("[data-testid=activation-review]")
    assert (
        "已总结结束" in phone.inner_text("main") and phone.locator("[data-testid=report-form]").count() == 0
    )
    screenshot(phone, "emergency-response-closed-phone")

    other = browser.new_context(locale="zh-CN", base_url=live_server.url).new_page()
    login(other, "in_by")
    response = other.goto(f"/emergency/activations/{activation.pk}/")
    assert response.status == 404
    other.goto("/emergency/")
    assert "深圳局口岸突发传染病疫情应急预案" not in other.inner_text("[data-testid=plans]")
    other.context.close()
