"""End to end: lab non-conformity → signal → assessment → warning → tightened inspection → the next matching
declaration goes to inspection + sampling → consumer warning public, then withdrawn after its period."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.clearance.services import clearance_lab_approve, clearance_submit
from guomen.inspections.tests.factories import open_task
from guomen.labs.choices import TestKind
from guomen.labs.services import result_enter, results_submit
from guomen.labs.tests.factories import LaboratoryFactory, chlorpyrifos, register, to_received
from guomen.registry.tests.factories import ProductionBaseFactory
from guomen.risk.early_warnings import assessment_create, warning_create, warning_publish, warning_validate
from guomen.risk.measures import consumer_warnings_expire, measure_add
from guomen.risk.models import RiskSignal
from guomen.risk.selectors import public_consumer_warnings

from .factories import measure_data, warning_data

pytestmark = pytest.mark.django_db


def lab_non_conformity(orgs, make_user):
    inspector = make_user(Role.INSPECTOR, orgs["WJD"], username="chain_inspector")
    analyst_a = make_user(Role.LAB_ANALYST, orgs["WJD"], username="chain_lab_a")
    analyst_b = make_user(Role.LAB_ANALYST, orgs["WJD"], username="chain_lab_b")
    task = open_task(orgs["WJD"])
    residue = chlorpyrifos()
    sample = register(task, inspector, LaboratoryFactory(org=orgs["WJD"]))
    sample = to_received(sample, inspector, analyst_a)
    result_enter(
        sample=sample,
        test=TestKind.PESTICIDE_RESIDUES,
        analyte=residue,
        value="0.31",
        unit="mg/kg",
        actor=analyst_a,
    )
    results_submit(sample=sample, actor=analyst_a)
    clearance_lab_approve(sample=sample, actor=analyst_b)
    return task.declaration, residue


def submit_durian(declaration, base):
    return clearance_submit(
        actor=None,
        direction="import",
        port_code="WJD",
        declarant_uscc=declaration.declarant.uscc,
        consignor_name="Chanthaburi Fruit Export Co., Ltd.",
        origin_country="TH",
        transport="truck",
        arrival_date=timezone.localdate() + dt.timedelta(days=1),
        lines=[
            {
                "hs_code": "081060",
                "description": "鲜榴莲",
                "quantity": "1200",
                "unit": "carton",
                "net_weight_kg": "18000",
                "value": "54000",
                "currency": "USD",
                "production_base_codes": [base.code],
            }
        ],
        documents=[{"type": "phytosanitary_certificate", "number": "TH-2026-000777"}],
    )


def test_lab_non_conformity_to_tightened_inspection_and_consumer_warning(orgs, make_user):
    declaration, residue = lab_non_conformity(orgs, make_user)
    signal = RiskSignal.objects.get(source="lab")
    assert signal.hazard == residue and signal.origin_id == "TH" and signal.cluster is not None

    analyst = make_user(Role.RISK_ANALYST, orgs["SZ"], username="chain_analyst")
    supervisor = make_user(Role.SUPERVISOR, orgs["SZ"], username="chain_supervisor")
    publisher = make_user(Role.SUPERVISOR, orgs["SZ"], username="chain_publisher")
    base = ProductionBaseFactory(country=declaration.origin_country)
    base.commodities.add(declaration.lines.get().hs)
    before = submit_durian(declaration, base)
    assert before.decision.channel != "physical_sampling"

    assessment = assessment_create(
        actor=analyst,
        cluster=signal.cluster,
        data={"risk_decision": "serious", "classification": "alert", "reasoning": "毒死蜱超标0.31 mg/kg"},
    )
    rw = {
        "WJD": orgs["WJD"],
        "HG": orgs["HG"],
        "pest": residue,
        "thailand": declaration.origin_country,
        "fruit": declaration.lines.get().hs.group,
        "analyst": analyst,
    }
    warning = warning_create(actor=analyst, assessment=assessment, data=warning_data(rw, hazard=residue))
    measure_add(
        warning=warning,
        actor=analyst,
        data=measure_data(rw, "tightened_inspection", consignments=5, scope="origin_commodity"),
    )
    measure_add(warning=warning, actor=analyst, data=measure_data(rw, "consumer_warning"))
    warning_validate(warning=warning, actor=supervisor)
    warning_publish(warning=warning, actor=publisher)

    after = submit_durian(declaration, base)
    assert after.decision.channel == "physical_sampling"

    today = timezone.localdate()
    public = public_consumer_warnings(today=today)
    assert [w["title"] for w in public] == ["消费提示：泰国榴莲"]
    assert set(public[0]) == {
        "id",
        "number",
        "title",
        "text",
        "commodity",
        "origin",
        "hazard",
        "published_on",
        "until",
    }
    assert public_consumer_warnings(today=today + dt.timedelta(days=27)) != []
    assert public_consumer_warnings(today=today + dt.timedelta(days=28)) == []
    assert consumer_warnings_expire(today=today + dt.timedelta(days=28)) == 1
    assert warning.measures.get(kind="consumer_warning").status == "lifted"
