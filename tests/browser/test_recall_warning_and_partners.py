"""As a supervisor clicks them: a confirmed recall proposes a consumer warning; a joint campaign gets its partner
agencies, one takes part. Screenshots in Chinese, on a desk and on a phone."""

import datetime as dt

import pytest

from guomen.campaigns import services as campaigns
from guomen.enforcement.models import CampaignPartner
from guomen.recalls import services
from guomen.recalls.models import Recall
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.risk.early_warnings import warning_create, warning_publish, warning_validate
from guomen.risk.tests.conftest import risk_world
from guomen.risk.tests.factories import warning_data

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_confirmed_recall_proposes_a_consumer_warning(orgs, make_user, supervisor, desk, phone, screenshot):
    rw = risk_world(orgs, make_user)
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    warning_validate(warning=warning, actor=rw["supervisor"])
    warning_publish(warning=warning, actor=rw["second_supervisor"])
    recall = services.recall_open(
        title="进口儿童推车折叠机构缺陷召回", category="children", product="型号A1 批次2026-07",
        defect="折叠锁止机构可能松脱", enterprise=EnterpriseFactory(org=orgs["WJD"]), source="early_warning",
        reported_on=dt.date.today(), units_affected=100, early_warning=warning, actor=supervisor,
    )  # fmt: skip
    services.recall_set_status(recall=recall, to="confirmed", reason="缺陷属实", actor=supervisor)
    login(desk, "supervisor_sz")
    desk.goto(f"/recalls/{recall.number}/")
    desk.fill("[data-testid=recall-warn] input[name=title]", "消费警示:某品牌儿童推车")
    with desk.expect_navigation():
        desk.click("[data-testid=recall-warn] button[type=submit]")
    assert "消费警示:某品牌儿童推车" in desk.inner_text("[data-testid=recall-consumer-warning]")
    assert Recall.objects.get().consumer_warning.status == "planned"
    screenshot(desk, "recall-consumer-warning")
    login(phone, "supervisor_sz")
    phone.goto(f"/recalls/{recall.number}/")
    screenshot(phone, "recall-consumer-warning-phone")


def test_a_joint_campaign_gets_its_partner_agencies(orgs, supervisor, desk, phone, screenshot):
    campaign = campaigns.campaign_create(
        data={"code": "SD2026", "name": "2026年“双打”专项行动", "kind": "special_action", "theme": "双打",
              "starts_on": dt.date.today(), "ends_on": dt.date.today() + dt.timedelta(days=60), "org": orgs["SZ"]},
        targets={}, actor=supervisor,
    )  # fmt: skip
    login(desk, "supervisor_sz")
    desk.goto("/enforcement/")
    form = "[data-testid=partner-form]"
    desk.fill(f"{form} input[name=campaign]", campaign.code)
    desk.select_option(f"{form} select[name=agency]", "market")
    desk.fill(f"{form} input[name=agency_office]", "深圳市市场监督管理局")
    desk.fill(f"{form} input[name=role]", "联合检查进口商品市场")
    with desk.expect_navigation():
        desk.click(f"{form} button[type=submit]")
    row = "[data-testid=partners] form"
    desk.select_option(f"{row} select[name=to]", "taking_part")
    with desk.expect_navigation():
        desk.click(f"{row} button[type=submit]")
    assert "参与中" in desk.inner_text("[data-testid=partners]")
    assert CampaignPartner.objects.get().status == "taking_part"
    screenshot(desk, "enforcement-partners")
    login(phone, "supervisor_sz")
    phone.goto("/enforcement/")
    screenshot(phone, "enforcement-partners-phone")
