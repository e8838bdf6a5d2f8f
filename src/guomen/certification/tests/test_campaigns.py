"""A campaign (e.g. a 清源-style action) counts the certification checks and misuse cases linked to it."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.campaigns import services as campaigns
from guomen.campaigns.figures import campaign_figures
from guomen.certification import services

pytestmark = pytest.mark.django_db
ALL_OK = {item: "ok" for item in ("validity", "scope", "consistency", "marks", "system", "complaints")}


def test_linked_certification_checks_and_misuse_cases_count_in_the_campaign(
    orgs, holder, planned, supervisor, inspector
):
    today = timezone.localdate()
    campaign = campaigns.campaign_create(
        data={
            "code": "RZ2026",
            "name": "认证产品专项整治",
            "kind": "rectification",
            "starts_on": today - dt.timedelta(days=5),
            "ends_on": today + dt.timedelta(days=5),
            "org": orgs["SZ"],
        },
        targets={"inspections": 2},
        actor=supervisor,
    )
    campaigns.campaign_set_status(campaign=campaign, to="active", actor=supervisor)
    services.check_record(
        check=planned,
        results={**ALL_OK, "marks": "nc", "scope": "nc"},
        findings="标志不规范",
        rectification_due=today + dt.timedelta(days=10),
        actor=inspector,
    )
    case = services.misuse_open(enterprise=holder, found_on=today, description="冒用CCC标志", actor=inspector)
    services.misuse_decide(case=case, to="penalised", reason="查实", penalty="罚款", actor=supervisor)
    campaigns.campaign_link(campaign=campaign, kind="cert_check", object_id=planned.pk, actor=inspector)
    campaigns.campaign_link(campaign=campaign, kind="mark_misuse", object_id=case.pk, actor=inspector)
    figures = campaign_figures(campaign)
    assert (figures["inspections"], figures["enterprises"], figures["non_conformities"]) == (2, 1, 3)
    assert figures["rectified"] == 0
