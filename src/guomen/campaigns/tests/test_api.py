"""Campaigns API and pages: behaviour and the permission matrix for every endpoint."""

import json

import pytest
from django.test import Client
from django.urls import reverse

DENIED = {302, 401, 403, 404}


def _call(user, method, url, body=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body or {}), content_type="application/json")


ENDPOINTS = [
    ("get", "/api/v1/campaigns", None, "inspector", 200),
    ("post", "/api/v1/campaigns", {"code": "QY2026", "name": "清源行动", "kind": "special_action",
                                   "starts_on": "2026-03-01", "ends_on": "2026-06-30", "targets": {"inspections": 20}},
     "supervisor", 201),
    ("get", "/api/v1/campaigns/QM2026", None, "inspector", 200),
    ("post", "/api/v1/campaigns/QM2026/activities", {"category": "publicity", "title": "进社区",
                                                     "held_on": "2026-09-03"}, "inspector", 201),
    ("post", "/api/v1/campaigns/QM2026/outreach", {"held_on": "2026-09-03", "people_reached": 50}, "inspector", 201),
    ("get", "/api/v1/campaigns/QM2026/report?format=md", None, "supervisor", 200),
]  # fmt: skip


@pytest.mark.parametrize("index", range(len(ENDPOINTS)))
def test_api_permission_matrix(request, campaign, index, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    method, url, body, allowed, ok = ENDPOINTS[index]
    enterprise_user = make_user("enterprise", None, enterprise=EnterpriseFactory(org=orgs["WJD"]))
    others = {
        "anonymous": None,
        "wrong_role": enterprise_user,
        "other_jurisdiction": make_user(allowed if allowed != "inspector" else "inspector", orgs["BY"]),
    }
    if method == "get" or url.endswith("/campaigns"):
        others.pop("other_jurisdiction")  # campaigns are readable by all staff; anyone may organise their own
    for case, user in others.items():
        assert _call(user, method, url, body).status_code in DENIED, (case, url)
    response = _call(request.getfixturevalue(allowed), method, url, body)
    assert response.status_code == ok, response.content[:300]


def test_campaign_detail_has_figures_and_progress(counted, inspector):
    body = _call(inspector, "get", "/api/v1/campaigns/QM2026").json()
    assert body["figures"]["officer_visits"] == 7
    assert {row["metric"]: row["actual"] for row in body["progress"]}["enterprises"] == 4


def test_lab_analyst_cannot_record(campaign, lab_analyst):
    response = _call(
        lab_analyst,
        "post",
        "/api/v1/campaigns/QM2026/outreach",
        {"held_on": "2026-09-03", "people_reached": 5},
    )
    assert response.status_code == 403


def test_bad_outreach_is_422(campaign, inspector):
    response = _call(inspector, "post", "/api/v1/campaigns/QM2026/outreach", {"held_on": "2026-09-03"})
    assert response.status_code == 422 and "events_held" in response.json()["fields"]


PAGES = ["campaigns:list", "campaigns:detail", "campaigns:new"]


@pytest.mark.parametrize("name", PAGES)
def test_page_matrix(campaign, name, supervisor, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    url = reverse(name, args=["QM2026"]) if name == "campaigns:detail" else reverse(name)
    assert Client().get(url).status_code == 302
    enterprise_user = make_user("enterprise", None, enterprise=EnterpriseFactory(org=orgs["WJD"]))
    assert _call(enterprise_user, "get", url).status_code in {403, 404}
    assert _call(supervisor, "get", url).status_code == 200


def test_page_actions_refuse_other_units(campaign, make_user, orgs, inspector):
    outsider = make_user("inspector", orgs["BY"])
    url = reverse("campaigns:activity_add", args=["QM2026"])
    data = {"category": "publicity", "title": "进校园", "held_on": "2026-09-05"}
    assert _call(None, "post", url).status_code == 302
    client = Client()
    client.force_login(outsider)
    assert client.post(url, data).status_code == 403
    client.force_login(inspector)
    assert client.post(url, data).status_code == 302 and campaign.activities.count() == 1


def test_report_downloads(counted, supervisor):
    client = Client()
    client.force_login(supervisor)
    for fmt in ("md", "docx", "pdf"):
        response = client.get(reverse("campaigns:report", args=["QM2026", fmt]))
        assert response.status_code == 200 and len(response.content) > 100


def test_detail_page_shows_live_progress(counted, supervisor):
    client = Client()
    client.force_login(supervisor)
    page = client.get(reverse("campaigns:detail", args=["QM2026"])).content.decode()
    assert 'data-testid="progress"' in page and "every 30s" in page
    partial = client.get(
        reverse("campaigns:detail", args=["QM2026"]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert partial.lstrip().startswith('<div id="campaign-progress"')


def test_the_report_format_outside_the_choices_is_refused_by_name(campaign, supervisor):
    response = _call(supervisor, "get", f"/api/v1/campaigns/{campaign.code}/report?format=exe")
    assert response.status_code == 422 and list(response.json()["fields"]) == ["format"]
