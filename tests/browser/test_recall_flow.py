"""A recall as a supervisor clicks it: open it from a defect report, name the affected dealer, confirm and start
it, report the units recovered."""

import pytest
from django.utils import timezone

from guomen.recalls.models import Recall
from guomen.registry.tests.factories import EnterpriseFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _status(desk, to, reason=""):
    form = "[data-testid=recall-status-form]"
    desk.select_option(f"{form} select[name=to]", to)
    desk.fill(f"{form} input[name=reason]", reason)
    with desk.expect_navigation():
        desk.click(f"{form} button[type=submit]")


def test_open_name_the_dealer_start_and_report_progress(orgs, supervisor, desk, screenshot):
    importer = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳安宝儿童用品进口有限公司")
    dealer = EnterpriseFactory(org=orgs["HG"], name_zh="深圳母婴连锁店")
    login(desk, "supervisor_sz")
    desk.goto("/recalls/")
    desk.click("[data-testid=recall-new]")
    desk.fill("#id_title", "进口儿童推车折叠机构缺陷召回")
    desk.select_option("#id_category", "children")
    desk.fill("#id_product", "型号A1 批次2026-07")
    desk.fill("#id_defect", "折叠锁止机构可能松脱")
    desk.fill("#id_enterprise", importer.uscc)
    desk.select_option("#id_source", "defect_report")
    desk.fill("#id_reported_on", timezone.localdate().isoformat())
    desk.fill("#id_units_affected", "100")
    with desk.expect_navigation():
        desk.click("[data-testid=recall-form] button[type=submit]")
    desk.fill("[data-testid=recall-affected] textarea[name=dealers]", dealer.uscc)
    with desk.expect_navigation():
        desk.click("[data-testid=recall-affected] button[type=submit]")
    assert "深圳母婴连锁店" in desk.inner_text("[data-testid=recall-dealers]")
    _status(desk, "confirmed", "缺陷调查属实")
    _status(desk, "in_progress")
    assert desk.inner_text("[data-testid=recall-status]") == "召回实施中"
    desk.fill("[data-testid=recall-progress] input[name=reported_on]", timezone.localdate().isoformat())
    desk.fill("[data-testid=recall-progress] input[name=units_recovered]", "60")
    desk.fill("[data-testid=recall-progress] input[name=note]", "经销商下架并通知消费者")
    with desk.expect_navigation():
        desk.click("[data-testid=recall-progress] button[type=submit]")
    screenshot(desk, "recall-in-progress")
    assert "60 / 100 (60%)" in desk.inner_text("[data-testid=recall-recovered]")
    assert Recall.objects.get().units_recovered == 60
