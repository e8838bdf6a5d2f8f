"""Targeting as people click it: an analyst tightens inspection, reads a decision, runs a backtest with its
chart; a supervisor re-routes a declaration on a phone."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.declarations.tests.conftest import world  # noqa: F401  (the small bureau)
from guomen.targeting.tests.helpers import submit, synthetic_history

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_analyst_tightens_inspection_and_the_next_declaration_is_sampled(world, analyst, desk, screenshot):  # noqa: F811
    login(desk, analyst.username)
    desk.goto("/targeting/measures/new/")
    desk.select_option("select[name=scope]", "enterprise")
    desk.select_option("select[name=enterprise]", str(world["enterprise"].pk))
    desk.fill("input[name=consignments]", "2")
    desk.fill("input[name=lift_after_conforming]", "1")
    desk.fill("textarea[name=reason]", "境外通报：泰国榴莲检出南洋臀纹粉蚧")
    with desk.expect_navigation():
        desk.click("[data-testid=measure-form] button[type=submit]")
    assert desk.inner_text("[data-testid=measure-status]") == "执行中"
    assert desk.inner_text("[data-testid=remaining]").startswith("2")
    screenshot(desk, "targeting-measure")

    declaration = submit(world)
    assert declaration.decision.channel == "physical_sampling"
    desk.goto(f"/targeting/decisions/{declaration.number}/")
    assert "加严检验" in desk.inner_text("[data-testid=fired]")
    screenshot(desk, "targeting-decision")


def test_supervisor_reroutes_on_a_phone(world, phone, screenshot):  # noqa: F811
    declaration = submit(world)
    login(phone, world["supervisor"].username)
    phone.goto(f"/targeting/decisions/{declaration.number}/")
    phone.select_option("select[name=channel]", "physical_sampling")
    phone.fill("input[name=reason]", "举报线索，需抽样")
    with phone.expect_navigation():
        phone.click("[data-testid=reroute-form] button[type=submit]")
    assert phone.inner_text("[data-testid=channel]") == "查验+抽样（红色）" or "抽样" in phone.inner_text(
        "[data-testid=channel]"
    )
    assert "举报线索" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "targeting-reroute-phone")


def test_backtest_shows_the_table_and_the_chart(world, analyst, desk, screenshot):  # noqa: F811
    synthetic_history(world, days=100, per_day=3)
    login(desk, analyst.username)
    desk.goto("/targeting/backtest/")
    today = timezone.localdate()
    desk.fill("input[name=date_from]", str(today - dt.timedelta(days=40)))
    desk.fill("input[name=date_to]", str(today - dt.timedelta(days=1)))
    desk.fill("input[name=capacity]", "0.2")
    with desk.expect_navigation():
        desk.click("[data-testid=backtest-form] button[type=submit]")
    desk.wait_for_selector("[data-testid=backtest-table]")
    assert "仅模型" in desk.inner_text("[data-testid=backtest-table]")
    desk.wait_for_selector("#backtest-chart canvas")
    screenshot(desk, "targeting-backtest")
