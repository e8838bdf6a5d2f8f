"""Partner agencies on joint-enforcement campaigns: invited, taking part, declining or withdrawing (audited), scoped to
the campaign's unit, named in the campaign report; every endpoint refuses the wrong role, unit, enterprise and the
anonymous."""

import datetime as dt
import json

import pytest
from django.test import Client

from guomen.accounts.choices import Role
from guomen.campaigns import services as campaigns
from guomen.campaigns.report import build
from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.enforcement import services
from guomen.enforcement.models import CampaignPartner

pytestmark = pytest.mark.django_db
OFFICE = "深圳市市场监督管理局"


@pytest.fixture
def campaign(orgs, supervisor):
    return campaigns.campaign_create(
        data={
            "code": "QF2026",
            "name": "2026年“清风”行动",
            "kind": "special_action",
            "theme": "打击侵权假冒",
            "starts_on": dt.date(2026, 9, 1),
            "ends_on": dt.date(2026, 12, 31),
            "org": orgs["SZ"],
        },
        targets={},
        actor=supervisor,
    )


@pytest.fixture
def partner(campaign, supervisor):
    return services.partner_invite(
        campaign=campaign,
        agency="market",
        agency_office=OFFICE,
        role="联合检查进口商品市场",
        actor=supervisor,
    )


def test_a_partner_is_invited_takes_part_and_the_report_names_it(campaign, partner, supervisor):
    services.partner_set_status(partner=partner, to="taking_part", actor=supervisor)
    police = services.partner_invite(
        campaign=campaign, agency="police", agency_office="深圳市公安局", actor=supervisor
    )
    services.partner_set_status(partner=police, to="declined", reason="警力另有安排", actor=supervisor)
    assert AuditEvent.objects.filter(verb="campaign_partner.status", object_id=str(partner.pk)).exists()
    text = " ".join(build(campaign)["paragraphs"])
    assert OFFICE in text and "深圳市公安局" not in text and "1" in text


def test_a_withdrawal_needs_a_reason_and_a_declined_partner_stays_declined(partner, supervisor):
    services.partner_set_status(partner=partner, to="taking_part", actor=supervisor)
    with pytest.raises(ValidationFailed) as exc:
        services.partner_set_status(partner=partner, to="withdrawn", actor=supervisor)
    assert "reason" in exc.value.fields
    services.partner_set_status(partner=partner, to="withdrawn", reason="职责调整", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.partner_set_status(partner=partner, to="taking_part", actor=supervisor)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"agency": "army"}, "agency"),
        ({"agency_office": " "}, "agency_office"),
        ({"agency_office": OFFICE}, "agency_office"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(campaign, partner, supervisor, change, field):
    before = CampaignPartner.objects.count()
    data = {"agency": "market", "agency_office": "深圳市农业农村局", **change}
    with pytest.raises(ValidationFailed) as exc:
        services.partner_invite(campaign=campaign, actor=supervisor, **data)
    assert field in exc.value.fields and CampaignPartner.objects.count() == before


@pytest.mark.parametrize("who", ["inspector", "other_supervisor", "enterprise"])
def test_wrong_role_other_unit_and_enterprise_cannot_invite(campaign, request, who, make_user, firm):
    actor = make_user(Role.ENTERPRISE, None, firm) if who == "enterprise" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.partner_invite(campaign=campaign, agency="market", agency_office=OFFICE, actor=actor)
    assert not CampaignPartner.objects.exists()


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("who", [None, "inspector", "other_supervisor", "enterprise", "supervisor"])
def test_api_permission_matrix(campaign, partner, request, who, make_user, firm):
    user = (
        make_user(Role.ENTERPRISE, None, firm)
        if who == "enterprise"
        else who and request.getfixturevalue(who)
    )
    client = _client(user)
    listed = client.get("/api/v1/enforcement/partners")
    created = client.post(
        "/api/v1/enforcement/partners",
        json.dumps({"campaign": campaign.code, "agency": "customs", "agency_office": "深圳海关缉私局"}),
        content_type="application/json",
    )
    moved = client.post(
        f"/api/v1/enforcement/partners/{partner.pk}/status",
        json.dumps({"to": "taking_part"}),
        content_type="application/json",
    )
    if who == "supervisor":
        assert [p["agency_office"] for p in listed.json()["results"]] == [OFFICE]
        assert (
            created.status_code == 201
            and moved.status_code == 200
            and moved.json()["status"] == "taking_part"
        )
        return
    assert listed.status_code in {401, 403} or listed.json()["results"] == [] or who == "inspector"
    assert created.status_code in {401, 403, 404, 422}, (who, created.status_code)
    assert moved.status_code in {401, 403, 404}, (who, moved.status_code)
    assert CampaignPartner.objects.count() == 1


def test_an_unknown_campaign_is_a_field_error(supervisor):
    response = _client(supervisor).post(
        "/api/v1/enforcement/partners",
        json.dumps({"campaign": "NOPE", "agency": "market", "agency_office": OFFICE}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "campaign" in response.content.decode()


def test_the_page_invites_a_partner_and_changes_its_status(campaign, supervisor):
    client = _client(supervisor)
    client.post(
        "/enforcement/",
        {
            "form": "partner",
            "campaign": campaign.code,
            "agency": "market",
            "agency_office": OFFICE,
            "role": "联合检查",
        },
    )
    partner = CampaignPartner.objects.get()
    page = client.post(f"/enforcement/partners/{partner.pk}/status/", {"to": "taking_part"}, follow=True)
    html = page.content.decode()
    assert 'data-testid="partners"' in html and OFFICE in html and "参与" in html
    bad = client.post(
        "/enforcement/",
        {"form": "partner", "campaign": "NOPE", "agency": "market", "agency_office": "x"},
        follow=True,
    )
    assert "活动" in bad.content.decode() and CampaignPartner.objects.count() == 1
