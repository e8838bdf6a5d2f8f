"""Double-random spot check as people click it: supervisor draws on a desk, inspector records on a phone,
supervisor publishes; the campaign page shows the spot check in its live progress."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.campaigns import services as campaigns
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.supervision.models import SpotCheckTask
from guomen.supervision.tests.factories import PlanFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bureau(orgs, supervisor, make_user):
    EnterpriseFactory(
        org=orgs["WJD"], name_zh="深圳市抽查对象食品有限公司", address="深圳市罗湖区文锦南路1号"
    )
    inspectors = [make_user(Role.INSPECTOR, orgs["WJD"], username=f"insp{i}") for i in range(2)]
    plan = PlanFactory(org=orgs["SZ"], name="2026年度双随机抽查", sample_count=1)
    campaign = campaigns.campaign_create(
        data={"code": "QM2026", "name": "2026年“质量月”活动", "kind": "quality_month", "org": orgs["SZ"],
              "starts_on": timezone.localdate() - dt.timedelta(days=3), "ends_on": timezone.localdate()},
        targets={"inspections": 2, "enterprises": 1}, actor=supervisor,
    )  # fmt: skip
    return {"plan": plan, "inspectors": inspectors, "campaign": campaign}


def test_draw_record_on_phone_publish(bureau, supervisor, desk, phone, screenshot):
    plan = bureau["plan"]
    login(desk, "supervisor_sz")
    desk.goto(f"/supervision/plans/{plan.pk}/")
    desk.fill("input[name=seed]", "20260901")
    desk.click("main form[action$='/draw/'] button[type=submit]")
    desk.wait_for_selector("[data-testid=seed]")
    assert desk.inner_text("[data-testid=seed]") == "20260901"
    screenshot(desk, "supervision-plan-drawn")
    task = SpotCheckTask.objects.get(plan=plan)

    login(phone, task.inspector_a.username)
    phone.goto("/supervision/checks/")
    phone.click("[data-testid=check-card]")
    for item in task.items.all():
        value = "non_conform" if item.position == 2 else "conform"
        phone.click(f"label[for='i{item.pk}{value}']")
    phone.fill("#due", (timezone.localdate() + dt.timedelta(days=10)).isoformat())
    phone.fill("#samples", "1")
    screenshot(phone, "supervision-check-phone")
    phone.click("[data-testid=check-submit]")
    phone.wait_for_selector("[data-testid=check-result]")
    assert "不合格" in phone.inner_text("[data-testid=check-result]")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    desk.goto(f"/supervision/checks/{task.pk}/")
    desk.click("text=公示结果")
    desk.wait_for_selector("text=公示日期")
    campaigns.campaign_link(
        campaign=bureau["campaign"], kind="spot_check", object_id=task.pk, actor=supervisor
    )
    desk.goto("/campaigns/QM2026/")
    progress = desk.inner_text("[data-testid=progress]")
    assert "1 / 2" in progress and "1 / 1" in progress
    screenshot(desk, "campaign-progress")


def test_supervisor_assigns_inspectors_by_hand_on_a_phone(orgs, supervisor, make_user, phone, screenshot):
    """The draw finds one eligible inspector (the other declared a conflict); the supervisor, on a phone,
    sees why one is excluded, picks a second inspector with a reason, and the check is marked as manual."""
    from guomen.supervision import services

    firm = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市人工指派对象有限公司")
    make_user(Role.INSPECTOR, orgs["WJD"], username="insp_wjd", display_name="文锦渡查验员")
    kin = make_user(Role.INSPECTOR, orgs["WJD"], username="insp_kin", display_name="王亲")
    spare = make_user(Role.INSPECTOR, orgs["HG"], username="insp_hg", display_name="皇岗查验员")
    services.conflict_declare(enterprise=firm, reason="亲属在该企业任职", actor=kin)
    plan = services.plan_draw(plan=PlanFactory(org=orgs["SZ"], sample_count=1), seed=8, actor=supervisor)
    task = plan.tasks.get()
    assert task.inspector_b is None

    login(phone, "supervisor_sz")
    phone.goto(f"/supervision/plans/{plan.pk}/")
    phone.click("[data-testid=assign-flagged]")
    phone.wait_for_selector("[data-testid=assign-form]")
    assert "亲属在该企业任职" in phone.inner_text("[data-testid=excluded]")
    phone.select_option("[data-testid=inspector_b]", str(spare.pk))
    phone.click("[data-testid=assign-submit]")  # no reason yet: refused, nothing saved
    phone.wait_for_selector(".invalid-feedback")
    assert "请填写理由" in phone.inner_text("[data-testid=assign-form]")
    phone.fill("#id_reason", "文锦渡另一名执法人员申报利益冲突，从皇岗局指派")
    screenshot(phone, "supervision-assign-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.click("[data-testid=assign-submit]")
    phone.wait_for_selector("[data-testid=manual-mark]")
    assert "人工指派" in phone.inner_text("[data-testid=manual-mark]")
    assert "皇岗查验员" in phone.inner_text("[data-testid=inspectors]")
    screenshot(phone, "supervision-assigned-check-phone")
    task.refresh_from_db()
    assert task.inspector_b == spare and task.inspector_b_manual
