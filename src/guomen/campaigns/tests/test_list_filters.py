"""One filter definition for the campaign list (CampaignFilters): the page, GET /api/v1/campaigns and the Excel
export give the same rows. Campaigns are read by the staff of every unit (a campaign's organiser decides who takes
part, not who may read it); enterprises read none."""

import datetime as dt

import pytest
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.campaigns import services

pytestmark = pytest.mark.django_db

API = "/api/v1/campaigns"


@pytest.fixture
def campaigns(campaign, orgs, supervisor, make_user):
    def create(code, name, org, actor):
        data = {"code": code, "name": name, "kind": "special_action", "org": org}
        data |= {"starts_on": dt.date(2026, 6, 1), "ends_on": dt.date(2026, 6, 30)}
        return services.campaign_create(data=data, actor=actor)

    active = create("SA2026", "2026年口岸专项整治行动", orgs["WJD"], supervisor)
    services.campaign_set_status(campaign=active, to="active", actor=supervisor)
    gz = make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")
    far = create("GZ2026", "广州局专项行动", orgs["GZ"], gz)
    services.campaign_set_status(campaign=far, to="cancelled", actor=gz)
    return {"planned": campaign.name, "active": active.name, "cancelled": far.name}


def _check(client, campaigns, query, expected):
    same_rows(
        client,
        page=reverse("campaigns:list"),
        api=API,
        export=reverse("campaigns:export"),
        query=query,
        expected={campaigns[name] for name in expected},
        every=set(campaigns.values()),
        field="name",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"planned", "active", "cancelled"}),
        ({"status": "planned"}, {"planned"}),
        ({"status": "active"}, {"active"}),
        ({"status": "closed"}, set()),
    ],
)
def test_the_page_api_and_export_give_the_same_rows(campaigns, inspector, query, expected):
    _check(client_of(inspector), campaigns, query, expected)


def test_the_export_follows_the_filters_shown_and_reads_in_chinese(campaigns, inspector):
    client = client_of(inspector)
    fragment = client.get(reverse("campaigns:list"), {"status": "active"}, HTTP_HX_REQUEST="true")
    assert f'{reverse("campaigns:export")}?status=active"' in fragment.content.decode()
    rows = sheet(client.get(reverse("campaigns:export"), {"status": "active"}))
    assert rows[0][:4] == ("名称", "代码", "类型", "组织单位")
    assert rows[1][1:4] == ("SA2026", "专项行动", "文锦渡局") and rows[1][-1] == "进行中"


def test_the_api_refuses_an_unknown_status_by_name_and_the_page_ignores_it(inspector):
    refuses_bad_choice(client_of(inspector), page=reverse("campaigns:list"), api=API, name="status")


def test_an_enterprise_reads_no_campaign_and_gets_403_on_the_export_too(campaigns, make_user):
    client = client_of(make_user(Role.ENTERPRISE, None, username="enterprise_user"))
    assert client.get(reverse("campaigns:list")).status_code == 403
    assert client.get(reverse("campaigns:export")).status_code == 403
    assert client.get(API).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_export(client):
    response = client.get(reverse("campaigns:export"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
