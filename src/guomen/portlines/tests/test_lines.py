"""The solid-waste consignee registration, the inspection-agency findings and the packaging use results."""

import datetime as dt
import random

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.portlines import demo, selectors, services
from guomen.portlines.models import (
    AgencyFinding,
    FoodLicence,
    HygieneMonitoring,
    PackagingUse,
    PerformanceTest,
    WasteConsignee,
)
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.supervision.models import CreditEvent

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_consignee_applies_is_registered_reviewed_and_suspended(consignee_firm, inspector, supervisor):
    record = services.consignee_apply(
        enterprise=consignee_firm, materials="废纸", applied_on=dt.date(2026, 1, 5), actor=inspector
    )
    assert not selectors.consignee_registered(enterprise=consignee_firm, on=TODAY)
    with pytest.raises(PermissionDenied):  # an inspector records, a supervisor registers
        services.consignee_register(
            consignee=record, number="R1", registered_on=dt.date(2026, 1, 20), actor=inspector
        )
    services.consignee_register(
        consignee=record, number="R1", registered_on=dt.date(2026, 1, 20), actor=supervisor
    )
    assert record.status == "registered" and record.review_due == dt.date(2027, 1, 20)
    assert selectors.consignee_registered(enterprise=consignee_firm, on=TODAY)
    services.consignee_review(
        consignee=record, reviewed_on=dt.date(2026, 3, 1), passed=True, reason="台账完整", actor=inspector
    )
    assert record.review_due == dt.date(2027, 3, 1)
    services.consignee_review(
        consignee=record,
        reviewed_on=dt.date(2026, 3, 2),
        passed=False,
        reason="加工利用记录缺失",
        actor=inspector,
    )
    assert record.status == "suspended" and record.status_reason == "加工利用记录缺失"
    assert not selectors.consignee_registered(enterprise=consignee_firm, on=TODAY)
    verbs = set(AuditEvent.objects.filter(object_id=str(record.pk)).values_list("verb", flat=True))
    assert {"wasteconsignee.applied", "wasteconsignee.status", "wasteconsignee.reviewed"} <= verbs


def test_a_consignee_application_names_its_bad_fields(consignee_firm, caterer, inspector):
    future = TODAY + dt.timedelta(days=3)
    with pytest.raises(ValidationFailed) as exc:
        services.consignee_apply(enterprise=caterer, materials=" ", applied_on=future, actor=inspector)
    assert {"enterprise", "materials", "applied_on"} <= set(exc.value.fields)
    services.consignee_apply(enterprise=consignee_firm, materials="废纸", applied_on=TODAY, actor=inspector)
    with pytest.raises(ValidationFailed) as exc:
        services.consignee_apply(
            enterprise=consignee_firm, materials="废纸", applied_on=TODAY, actor=inspector
        )
    assert "enterprise" in exc.value.fields
    assert WasteConsignee.objects.count() == 1


def test_a_penalty_on_an_agency_is_a_credit_violation(agency, inspector, supervisor, other_supervisor):
    finding = services.finding_open(
        enterprise=agency,
        check_kind="goods",
        found_on=TODAY,
        description="验货照片与货物不符",
        actor=inspector,
    )
    with pytest.raises(PermissionDenied):
        services.finding_decide(
            finding=finding, to="penalised", reason="x", penalty="警告", actor=other_supervisor
        )
    with pytest.raises(ValidationFailed) as exc:
        services.finding_decide(finding=finding, to="penalised", reason="属实", penalty=" ", actor=supervisor)
    assert "penalty" in exc.value.fields and not CreditEvent.objects.exists()
    services.finding_decide(finding=finding, to="penalised", reason="属实", penalty="警告", actor=supervisor)
    event = CreditEvent.objects.get(enterprise=agency)
    assert event.kind == "violation" and finding.credit_event_id == event.pk
    assert event.source_ref == f"agency_finding:{finding.pk}"
    with pytest.raises(IllegalTransition):
        services.finding_decide(finding=finding, to="dismissed", reason="改判", actor=supervisor)


def test_a_finding_names_its_bad_fields(agency, packer, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.finding_open(
            enterprise=packer, check_kind="audit", found_on=None, description="", actor=inspector
        )
    assert {"enterprise", "check_kind", "found_on", "description"} <= set(exc.value.fields)
    assert not AgencyFinding.objects.exists()


def test_a_packaging_use_result_validates_and_expires(packer, inspector, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.use_record(
            enterprise=packer,
            packaging="crate",
            un_number="12",
            goods="",
            inspected_on=TODAY,
            result="passed",
            actor=inspector,
        )
    assert {"packaging", "un_number", "goods", "valid_until"} <= set(exc.value.fields)
    record = services.use_record(
        enterprise=packer,
        packaging="drum",
        un_number="1263",
        goods="油漆",
        inspected_on=TODAY,
        result="passed",
        valid_until=TODAY + dt.timedelta(days=300),
        actor=inspector,
    )
    assert record.un_number == "UN1263" and record.status == "valid"
    refused = services.use_record(
        enterprise=packer,
        packaging="ibc",
        un_number="UN1993",
        goods="易燃液体",
        inspected_on=TODAY,
        result="failed",
        actor=inspector,
    )
    assert refused.status == "refused" and refused.valid_until is None
    services.status_set(record=record, to="expired", reason="超过有效期", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.status_set(record=refused, to="valid", reason="x", actor=supervisor)


def test_each_list_page_shows_its_records_in_chinese_and_hides_other_units(
    agency, packer, consignee_firm, inspector, other_supervisor
):
    services.finding_open(
        enterprise=agency, check_kind="factory", found_on=TODAY, description="验厂结论无依据", actor=inspector
    )
    services.use_record(
        enterprise=packer,
        packaging="drum",
        un_number="1263",
        goods="油漆",
        inspected_on=TODAY,
        result="passed",
        valid_until=TODAY + dt.timedelta(days=30),
        actor=inspector,
    )
    services.consignee_apply(enterprise=consignee_firm, materials="废塑料", applied_on=TODAY, actor=inspector)
    for name, text, heading in (
        ("portlines:findings", "验厂结论无依据", "口岸天平"),
        ("portlines:uses", "UN1263", "危险货物包装使用鉴定"),
        ("portlines:consignees", "废塑料", "进口废物原料国内收货人"),
    ):
        page = _client(inspector).get(reverse(name)).content.decode()
        assert text in page and heading in page
        assert text not in _client(other_supervisor).get(reverse(name)).content.decode()


def test_the_api_creates_with_the_field_named(agency, inspector):
    body = {"enterprise": agency.uscc, "check_kind": "x", "found_on": str(TODAY), "description": "问题"}
    response = _client(inspector).post("/api/v1/portlines/findings", body, content_type="application/json")
    assert response.status_code in (400, 422) and "check_kind" in response.json()["fields"]
    body["check_kind"] = "goods"
    response = _client(inspector).post("/api/v1/portlines/findings", body, content_type="application/json")
    assert response.status_code == 201
    assert _client(inspector).get("/api/v1/portlines/findings").json()["count"] == 1


def test_the_demo_has_records_of_every_line(
    caterer, consignee_firm, packer, agency, inspector, supervisor, orgs
):
    EnterpriseFactory(org=orgs["HG"], kind="port_food")
    counts = demo.seed_demo(None, random.Random(1))
    assert counts["port_food_licences"] == 3 and FoodLicence.objects.filter(status="suspended").exists()
    assert WasteConsignee.objects.filter(status="registered").exists()
    assert AgencyFinding.objects.filter(status="penalised").exists()
    assert set(PackagingUse.objects.values_list("status", flat=True)) == {"valid", "refused", "expired"}
    assert counts["agency_registrations"] == 1 and counts["hygiene_monitoring"] == 5
    assert AgencyFinding.objects.filter(registration__status="registered").count() == 1
    assert HygieneMonitoring.objects.filter(status="open", licence__isnull=False).exists()
    assert (counts["packaging_makers"], counts["performance_tests"]) == (1, 2)
    assert PerformanceTest.objects.filter(status="failed").exists()


def test_the_monthly_report_counts_the_port_lines_of_the_jurisdiction(
    caterer, agency, packer, consignee_firm, inspector, supervisor, orgs
):
    from guomen.reports import sources
    from guomen.reports.scope import build_filter

    licence = services.licence_issue(
        enterprise=caterer,
        number="L-1",
        business="catering",
        premises="旅检大楼",
        actor=supervisor,
        valid_from=TODAY - dt.timedelta(days=100),
        valid_until=TODAY + dt.timedelta(days=900),
    )
    services.licence_grade(licence=licence, grade="B", graded_on=TODAY, actor=inspector)
    elsewhere = EnterpriseFactory(org=orgs["GZ"], kind="port_food")
    FoodLicence.objects.create(
        enterprise=elsewhere,
        org=elsewhere.org,
        number="GZ-1",
        business="shop",
        premises="白云机场",
        valid_from=TODAY - dt.timedelta(days=10),
        valid_until=TODAY + dt.timedelta(days=300),
    )
    finding = services.finding_open(
        enterprise=agency, check_kind="goods", found_on=TODAY, description="抽样不规范", actor=inspector
    )
    services.finding_decide(finding=finding, to="penalised", reason="属实", penalty="警告", actor=supervisor)
    services.use_record(
        enterprise=packer,
        packaging="ibc",
        un_number="1993",
        goods="易燃液体",
        inspected_on=TODAY,
        result="failed",
        actor=inspector,
    )
    services.consignee_apply(enterprise=consignee_firm, materials="废纸", applied_on=TODAY, actor=inspector)
    table = sources.port_lines(build_filter(supervisor, {"period": f"{TODAY:%Y-%m}"}))
    # licences in force, graded A/B/C, monitoring (non-conforming), consignees registered, applications, agencies
    # registered, findings (penalised), packaging makers, performance tests (failed), use inspections (unfit)
    assert [row[1] for row in table.rows] == [1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1]


def test_a_tianping_campaign_counts_the_agency_findings_linked_to_it(orgs, agency, supervisor, inspector):
    from guomen.campaigns import services as campaigns
    from guomen.campaigns.figures import campaign_figures

    campaign = campaigns.campaign_create(
        data={
            "code": "TP2026",
            "name": "口岸天平行动",
            "kind": "special_action",
            "org": orgs["SZ"],
            "starts_on": TODAY - dt.timedelta(days=5),
            "ends_on": TODAY + dt.timedelta(days=5),
        },
        targets={"inspections": 2},
        actor=supervisor,
    )
    campaigns.campaign_set_status(campaign=campaign, to="active", actor=supervisor)
    for text in ("验货抽样不规范", "验厂记录不全"):
        finding = services.finding_open(
            enterprise=agency, check_kind="goods", found_on=TODAY, description=text, actor=inspector
        )
        campaigns.campaign_link(
            campaign=campaign, kind="agency_finding", object_id=finding.pk, actor=inspector
        )
    services.finding_decide(finding=finding, to="penalised", reason="属实", penalty="警告", actor=supervisor)
    figures = campaign_figures(campaign)
    assert (figures["inspections"], figures["enterprises"], figures["non_conformities"]) == (2, 1, 1)
