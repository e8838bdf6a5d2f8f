"""Risk as people click it: analyst sees the dashboard, assesses a cluster and drafts a warning with a
tightened inspection; one supervisor validates it on a phone, is not offered the publication (four eyes), and a
second supervisor publishes it."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.risk.models import EarlyWarning
from guomen.risk.tests.conftest import risk_world
from guomen.risk.tests.factories import make_signal
from guomen.targeting.models import ControlMeasure

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rw(orgs, make_user):
    return risk_world(orgs, make_user)


@pytest.fixture
def cluster(rw):
    for n in range(4):
        signal = make_signal(rw, n=n, days_ago=3 * n)
    return signal.cluster


def test_analyst_assesses_and_drafts_then_supervisor_publishes_on_a_phone(
    desk, phone, rw, cluster, screenshot
):
    login(desk, "ra_sz")
    desk.goto("/risk/")
    desk.wait_for_selector("#chart-over_time canvas")
    assert desk.get_by_test_id("kpi-signals").inner_text() == "4"
    screenshot(desk, "risk-dashboard")
    desk.click("[data-toggle-table=by_hazard]")
    assert "南洋臀纹粉蚧" in desk.get_by_test_id("table-by_hazard").inner_text()

    desk.goto(f"/risk/clusters/{cluster.pk}/")
    assert desk.get_by_test_id("cluster-count").inner_text() == "4"
    desk.select_option("select[name=risk_decision]", "serious")
    desk.select_option("select[name=classification]", "alert")
    desk.fill("textarea[name=reasoning]", "同一果园四周内四次检出南洋臀纹粉蚧")
    with desk.expect_navigation():
        desk.click("[data-testid=assess-form] button[type=submit]")
    desk.fill("input[name=title]", "泰国榴莲检出南洋臀纹粉蚧预警")
    desk.check(f"input[name=addressees][value='{rw['WJD'].pk}']")
    with desk.expect_navigation():
        desk.click("main button[type=submit]")
    assert desk.get_by_test_id("warning-status").inner_text() == "草稿"
    form = desk.get_by_test_id("measure-form")
    form.locator("select[name=kind]").select_option("tightened_inspection")
    form.locator("select[name=scope]").select_option("origin_commodity")
    form.locator("select[name=owner]").select_option(label="ra_sz")
    form.locator("input[name=deadline]").fill((timezone.localdate() + dt.timedelta(days=14)).isoformat())
    form.locator("input[name=lifting_condition]").fill("连续5批合格")
    with desk.expect_navigation():
        form.locator("button[type=submit]").click()
    assert desk.get_by_test_id("measure").count() == 1
    screenshot(desk, "risk-warning-draft")

    warning = EarlyWarning.objects.get()
    login(phone, "sv_sz")
    phone.goto(f"/risk/warnings/{warning.pk}/")
    with phone.expect_navigation():
        phone.get_by_role("button", name="审核通过").click()
    assert phone.get_by_role("button", name="发布", exact=True).count() == 0
    assert "第二位科长" in phone.get_by_test_id("four-eyes").inner_text()
    phone.context.clear_cookies()
    login(phone, "sv2_sz")
    phone.goto(f"/risk/warnings/{warning.pk}/")
    with phone.expect_navigation():
        phone.get_by_role("button", name="发布", exact=True).click()
    assert phone.get_by_test_id("warning-status").inner_text() == "已发布"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "risk-warning-published-phone")
    assert ControlMeasure.objects.get().origin_id == "TH"
