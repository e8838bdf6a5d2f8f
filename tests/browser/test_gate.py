"""The gate as people click it: the release rules refuse what must not leave, and only a leader overrides."""

import datetime as dt

import pytest

from guomen.accounts.choices import Role
from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory, ImportRequirementFactory
from guomen.clearance.services import clearance_lab_approve, clearance_record_result, clearance_submit
from guomen.core.models import AuditEvent
from guomen.declarations.models import Declaration
from guomen.inspections.models import InspectionTask
from guomen.inspections.tests.factories import PHYSICAL_CHECKED
from guomen.labs.services import result_enter, results_submit
from guomen.labs.tests.factories import LaboratoryFactory, chlorpyrifos, register, to_received
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory
from guomen.targeting.models import SimpleRule

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def durian_world(orgs, make_user):
    """Thai durian must come from registered orchards with a phytosanitary certificate; a rule sends it red."""
    thailand = CountryFactory(code="TH")
    hs = HsCodeFactory(code="081060")
    ImportRequirementFactory(hs=hs, origin=thailand, required_documents=["phytosanitary_certificate"])
    SimpleRule.objects.create(
        name="泰国榴莲查验抽样",
        hs_prefix="0810",
        origin=thailand,
        channel="physical_sampling",
        instruction="开箱查验并抽样检测农药残留",
    )
    make_user(Role.LEADER, orgs["SZ"], username="leader_sz")
    return {"hs": hs, "thailand": thailand, "importer": EnterpriseFactory(org=orgs["SZ"])}


def _declare(world, *, orchard_status="active", documents=()):
    orchard = ProductionBaseFactory(
        country=world["thailand"],
        status=orchard_status,
        status_reason="检出检疫性有害生物" if orchard_status != "active" else "",
    )
    orchard.commodities.add(world["hs"])
    return clearance_submit(
        actor=None,
        direction="import",
        port_code="WJD",
        declarant_uscc=world["importer"].uscc,
        origin_country="TH",
        transport="truck",
        arrival_date=dt.date.today(),
        lines=[
            {
                "hs_code": "081060",
                "description": "鲜榴莲",
                "quantity": 1200,
                "unit": "箱",
                "net_weight_kg": 18000,
                "value": 54000,
                "currency": "USD",
                "production_base_codes": [orchard.code],
            }
        ],
        documents=list(documents),
    )


def test_the_story_is_refused_with_its_reasons_and_released_only_by_a_leaders_override(
    phone, desk, durian_world, inspector, supervisor, screenshot
):
    number = _declare(durian_world, orchard_status="suspended").number

    # The inspector records 合格 with no sample; the checklist says the certificate is missing
    login(phone, "inspector_wjd")
    phone.get_by_test_id("task-card").filter(has_text=number).click()
    assert "缺少植物检疫证书" in phone.get_by_test_id("checklist").inner_text()
    phone.get_by_test_id("outcome-conforming").check()
    phone.select_option("select[name=proposed_disposition]", "release")
    phone.get_by_test_id("submit-result").click()
    phone.get_by_test_id("result-success").wait_for()

    # The supervisor sees every reason on the card; the release is refused
    login(desk, "supervisor_sz")
    desk.goto("/inspections/confirmations/")
    card = desk.get_by_test_id("confirmation-card").filter(has_text=number)
    rules = card.get_by_test_id("release-rules").inner_text()
    for reason in ("暂停", "缺少植物检疫证书", "未登记任何样品"):
        assert reason in rules
    with desk.expect_response(lambda r: r.url.endswith("/confirm/")):
        card.get_by_test_id("confirm-disposition").click()
    desk.get_by_text("放行条件未满足").first.wait_for()
    assert Declaration.objects.get(number=number).status == "pending_disposition"
    screenshot(desk, "gate-1-refused")

    # He asks a bureau leader to override, with a reason
    task = InspectionTask.objects.get(declaration__number=number)
    desk.goto(f"/inspections/tasks/{task.pk}/")
    desk.get_by_text("申请局领导特批放行").click()
    desk.fill("textarea[name=reason][required]", "鲜活易腐，出口国证书已补发在途")
    desk.get_by_test_id("override-request-submit").click()
    desk.get_by_text("特批申请已提交局领导审批").wait_for()
    assert desk.get_by_test_id("override-decide-link").count() == 0  # not his to decide

    # The leader finds it among his approvals and grants it
    desk.context.clear_cookies()
    login(desk, "leader_sz")
    desk.goto("/clearance/overrides/?status=requested")
    desk.get_by_role("link", name=number).click()
    desk.fill("textarea[name=reason]", "经研究同意放行，后续补交证书")
    desk.get_by_test_id("override-grant").click()
    desk.get_by_text("特批已批准，货物已放行").wait_for()
    screenshot(desk, "gate-2-override")
    assert Declaration.objects.get(number=number).status == "released"
    assert AuditEvent.objects.filter(verb="clearance.override.grant").count() == 1


def test_a_pending_sample_holds_the_task_and_a_failed_one_forces_destruction(
    desk, durian_world, inspector, supervisor, lab_analyst, make_user, orgs, screenshot
):
    declaration = _declare(durian_world, documents=[{"type": "phytosanitary_certificate", "number": "TH-1"}])
    task = InspectionTask.objects.get(declaration=declaration)
    lab = LaboratoryFactory(org=orgs["WJD"])
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    clearance_record_result(
        task=task,
        outcome="conforming",
        proposed_disposition="release",
        checklist=PHYSICAL_CHECKED,
        actor=inspector,
    )

    login(desk, "supervisor_sz")
    desk.goto("/inspections/confirmations/")
    card = desk.get_by_test_id("confirmation-card").filter(has_text=declaration.number)
    assert "待检测结果" in card.get_by_test_id("release-rules").inner_text()
    with desk.expect_response(lambda r: r.url.endswith("/confirm/")):
        card.get_by_test_id("confirm-disposition").click()
    desk.get_by_text("正在等待实验室检测结果").first.wait_for()

    # The laboratory's result fails: the card says so, release is refused, destruction goes through
    result_enter(
        sample=sample,
        test="pesticide_residues",
        analyte=chlorpyrifos(),
        value="0.10",
        unit="mg/kg",
        actor=lab_analyst,
    )
    sample.refresh_from_db()
    results_submit(sample=sample, actor=lab_analyst)
    clearance_lab_approve(sample=sample, actor=make_user(Role.LAB_ANALYST, orgs["WJD"], username="lab_2"))
    desk.goto("/inspections/confirmations/")
    card = desk.get_by_test_id("confirmation-card").filter(has_text=declaration.number)
    assert "毒死蜱" in card.get_by_test_id("release-rules").inner_text()
    with desk.expect_response(lambda r: r.url.endswith("/confirm/")):
        card.get_by_test_id("confirm-disposition").click()
    desk.get_by_text("请决定除害处理、退运或销毁").first.wait_for()
    card = desk.get_by_test_id("confirmation-card").filter(has_text=declaration.number)
    card.locator("select[name=disposition]").select_option("destroy")
    card.locator("textarea[name=reason]").fill("毒死蜱超标，监督销毁")
    card.get_by_test_id("confirm-disposition").click()
    desk.get_by_test_id("decision-success").wait_for()
    screenshot(desk, "gate-3-destroyed")
    assert Declaration.objects.get(pk=declaration.pk).status == "destroyed"
