"""Enforcement API and page: the permission matrix for every endpoint."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.enforcement import services

pytestmark = pytest.mark.django_db
DENIED = {302, 401, 403, 404, 422}


def _call(user, method, url, body=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def handover(firm, supervisor):
    return services.handover_record(
        direction="in",
        agency="customs",
        subject="海关移交:进口食品标签问题线索",
        handed_on=dt.date(2026, 9, 2),
        enterprise=firm,
        actor=supervisor,
    )


def _endpoints(firm, interview, commitment, handover):
    return [
        ("get", "/api/v1/enforcement/interviews", None, "inspector", 200, None),
        (
            "post",
            "/api/v1/enforcement/interviews",
            {"enterprise": firm.uscc, "scheduled_on": "2026-09-10", "subject": "质量约谈"},
            "supervisor",
            201,
            "inspector",
        ),
        (
            "post",
            f"/api/v1/enforcement/interviews/{interview.pk}/held",
            {"attendees": "总经理", "outcome": "限期整改"},
            "inspector",
            200,
            "lab_analyst",
        ),
        ("get", "/api/v1/enforcement/commitments", None, "inspector", 200, None),
        (
            "post",
            "/api/v1/enforcement/commitments",
            {"enterprise": firm.uscc, "kind": "safety", "signed_on": "2026-03-01", "text": "签订安全责任书"},
            "inspector",
            201,
            "lab_analyst",
        ),
        (
            "post",
            f"/api/v1/enforcement/commitments/{commitment.pk}/broken",
            {"reason": "瞒报", "occurred_on": "2026-09-01"},
            "supervisor",
            200,
            "inspector",
        ),
        ("get", "/api/v1/enforcement/handovers", None, "supervisor", 200, None),
        (
            "post",
            "/api/v1/enforcement/handovers",
            {
                "direction": "out",
                "agency": "police",
                "subject": "涉嫌走私",
                "handed_on": "2026-09-03",
                "enterprise": firm.uscc,
            },
            "supervisor",
            201,
            "inspector",
        ),
        (
            "post",
            f"/api/v1/enforcement/handovers/{handover.pk}/status",
            {"to": "accepted"},
            "supervisor",
            200,
            "inspector",
        ),
    ]


@pytest.mark.parametrize("index", range(9))
def test_api_permission_matrix(request, firm, interview, handover, index, make_user, orgs, inspector):
    from guomen.registry.tests.factories import EnterpriseFactory

    commitment = services.commitment_record(
        enterprise=firm, kind="integrity", signed_on=dt.date(2026, 3, 1), text="诚信承诺", actor=inspector
    )
    method, url, body, allowed, ok, wrong = _endpoints(firm, interview, commitment, handover)[index]
    users = {
        "anonymous": None,
        "enterprise_user": make_user(Role.ENTERPRISE, None, EnterpriseFactory(org=orgs["WJD"])),
        "other_unit": make_user(allowed, orgs["BY"]),
    }
    if wrong:
        users["wrong_role"] = make_user(wrong, orgs["SZ"])
    for case, user in users.items():
        response = _call(user, method, url, body)
        if method == "get" and user is not None:
            assert response.status_code == 200 and response.json()["results"] == [], (case, url)
        else:
            assert response.status_code in DENIED, (case, url, response.status_code)
    response = _call(request.getfixturevalue(allowed), method, url, body)
    assert response.status_code == ok, response.content[:300]


def test_the_page_lists_the_interview_and_holds_it(client, interview, inspector):
    client.force_login(inspector)
    page = client.get(reverse("enforcement:list")).content.decode()
    assert "进口食品标签不合格问题" in page and "已安排" in page
    client.post(
        reverse("enforcement:interview_hold", args=[interview.pk]),
        {"attendees": "总经理", "outcome": "限期整改"},
    )
    assert "已约谈" in client.get(reverse("enforcement:list")).content.decode()


def test_the_page_refuses_an_enterprise_of_another_unit(client, orgs, supervisor):
    from guomen.registry.tests.factories import EnterpriseFactory

    elsewhere = EnterpriseFactory(org=orgs["BY"])
    client.force_login(supervisor)
    response = client.post(
        reverse("enforcement:list"),
        {"form": "interview", "enterprise": elsewhere.uscc, "scheduled_on": "2026-09-10", "subject": "约谈"},
        follow=True,
    )
    assert "该记录不在您的辖区内" in response.content.decode() or "没有您可查看" in response.content.decode()
