"""The lines of work the seed reports count on their own (口岸天平, complaints against agencies, certified
enterprises, car dealers, recalls, joint cases), counted when linked to the campaign, and the Port Balance kind."""

import datetime as dt

import pytest

from guomen.campaigns import services
from guomen.campaigns.figures import campaign_figures
from guomen.campaigns.report import build
from guomen.certification.tests.factories import AnnualCheckFactory
from guomen.complaints.services import complaint_submit
from guomen.complaints.tests.factories import complaint_data
from guomen.enforcement.models import Handover
from guomen.portlines.models import AgencyFinding
from guomen.recalls.models import Recall
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def port_balance(orgs, supervisor):
    return services.campaign_create(
        data={
            "code": "KATP2026",
            "name": "2026年检验鉴定业务“口岸天平”行动",
            "kind": "port_balance",
            "starts_on": dt.date(2026, 9, 1),
            "ends_on": dt.date(2026, 12, 31),
            "org": orgs["SZ"],
        },
        targets={"inspections": 4},
        actor=supervisor,
    )


@pytest.fixture
def linked(port_balance, orgs, supervisor):
    """2 agency findings of one agency (1 penalised), 2 complaints (1 against the agency), 1 recorded annual check,
    1 recall (100 units, 40 recovered), 2 cases handed over and 1 received; an unlinked finding must not count."""
    agency = EnterpriseFactory(org=orgs["WJD"], kind="inspection_agency", name_zh="深圳某检验鉴定公司")
    today = dt.date(2026, 9, 10)
    findings = [
        AgencyFinding.objects.create(
            enterprise=agency,
            org=orgs["WJD"],
            check_kind="goods",
            found_on=today,
            description="验货不实",
            status=s,
        )
        for s in ("penalised", "open", "open")
    ]
    complaints = [
        complaint_submit(data=complaint_data(), agency=agency),
        complaint_submit(data=complaint_data(), org=orgs["SZ"]),
    ]
    check = AnnualCheckFactory(certificate__org=orgs["WJD"], checked_on=today, status="closed")
    recall = Recall.objects.create(
        number="RC2026-0001",
        title="儿童推车召回",
        category="children",
        product="型号A",
        defect="折叠锁失效",
        enterprise=EnterpriseFactory(org=orgs["WJD"]),
        org=orgs["WJD"],
        source="defect_report",
        reported_on=today,
        units_affected=100,
        units_recovered=40,
    )
    for direction in ("out", "out", "in"):
        Handover.objects.create(
            direction=direction,
            agency="police",
            org=orgs["WJD"],
            subject="案件",
            handed_on=today,
            campaign=port_balance,
        )
    links = [("agency_finding", f.pk) for f in findings[:2]] + [("complaint", c.pk) for c in complaints]
    links += [("cert_check", check.pk), ("recall", recall.pk)]
    for kind, pk in links:
        services.campaign_link(campaign=port_balance, kind=kind, object_id=pk, actor=supervisor)
    return port_balance


def test_the_port_balance_kind_reads_as_the_bureau_names_it(port_balance):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert port_balance.get_kind_display() == "检验鉴定专项行动（口岸天平）"


def test_each_line_is_counted_when_linked(linked):
    lines = campaign_figures(linked)["lines"]
    assert lines == {
        "agency_checks": 2, "agencies": 1, "agency_penalised": 1, "complaints": 2, "agency_complaints": 1,
        "certification_checks": 1, "certified_enterprises": 1, "dealer_checks": 0, "dealers": 0, "recalls": 1,
        "recall_units_affected": 100, "recall_units_recovered": 40, "cases_handed_over": 2, "cases_received": 1,
    }  # fmt: skip


def test_the_report_says_it_in_the_seed_reports_words(linked):
    text = "".join(build(linked)["paragraphs"])
    assert "对1家检验鉴定机构的2项验货和验厂业务进行了检查（口岸天平），对1起问题予以处罚。" in text
    assert "处理投诉举报2件，其中针对检验鉴定机构的1件。" in text
    assert "对1家认证获证企业进行了年度监管检查（1次）。" in text
    assert "跟踪缺陷产品召回1起，涉及产品100件，已召回40件。" in text
    assert "移送案件2起，接收案件1起。" in text


def test_a_campaign_without_such_records_says_nothing_of_them(port_balance):
    assert "口岸天平）" not in "".join(build(port_balance)["paragraphs"])


def test_a_complaint_one_may_not_see_cannot_be_linked(port_balance, orgs, supervisor):
    from guomen.core.errors import ValidationFailed

    elsewhere = complaint_submit(data=complaint_data(), org=orgs["GZ"])
    with pytest.raises(ValidationFailed):
        services.campaign_link(
            campaign=port_balance, kind="complaint", object_id=elsewhere.pk, actor=supervisor
        )


def test_the_campaign_page_shows_the_line_figures(linked, supervisor):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(supervisor)
    page = client.get(reverse("campaigns:detail", args=[linked.code])).content.decode()
    assert 'data-testid="line-figures"' in page and "其中针对检验鉴定机构的1件" in page
