"""Recalls API: the permission matrix for every endpoint, and bad input."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.recalls.models import Recall

pytestmark = pytest.mark.django_db
DENIED = {302, 401, 403, 404, 422}


def _call(user, method, url, body=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _endpoints(recall, importer, consignment):
    n = recall.number
    return [
        ("get", "/api/v1/recalls", None, "inspector", 200, None),
        (
            "post",
            "/api/v1/recalls",
            {
                "title": "进口电吹风过热召回",
                "category": "hair_dryer",
                "product": "型号HD-1",
                "defect": "过热起火风险",
                "enterprise": importer.uscc,
                "source": "manufacturer",
                "reported_on": "2026-09-02",
                "units_affected": 30,
            },
            "supervisor",
            201,
            "inspector",
        ),
        ("get", f"/api/v1/recalls/{n}", None, "inspector", 200, None),
        (
            "post",
            f"/api/v1/recalls/{n}/affected",
            {"consignments": [consignment.number]},
            "supervisor",
            200,
            "inspector",
        ),
        (
            "post",
            f"/api/v1/recalls/{n}/status",
            {"to": "dismissed", "reason": "经查非缺陷"},
            "supervisor",
            200,
            "inspector",
        ),
        (
            "post",
            f"/api/v1/recalls/{n}/progress",
            {"reported_on": str(timezone.localdate()), "units_recovered": 1, "note": "x"},
            "inspector",
            422,
            "lab_analyst",
        ),
    ]


@pytest.mark.parametrize("index", range(6))
def test_api_permission_matrix(request, recall, importer, consignment, index, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    method, url, body, allowed, ok, wrong = _endpoints(recall, importer, consignment)[index]
    users = {
        "anonymous": None,
        "enterprise_user": make_user(Role.ENTERPRISE, None, EnterpriseFactory(org=orgs["WJD"])),
        "other_unit": make_user(allowed, orgs["BY"]),
    }
    if wrong:
        users["wrong_role"] = make_user(wrong, orgs["SZ"])
    for case, user in users.items():
        response = _call(user, method, url, body)
        if url == "/api/v1/recalls" and method == "get" and user is not None:
            assert response.status_code == 200 and response.json()["results"] == [], case
        else:
            assert response.status_code in DENIED, (case, url, response.status_code)
    response = _call(request.getfixturevalue(allowed), method, url, body)
    assert response.status_code == ok, response.content[:300]


def test_an_unknown_early_warning_is_a_field_error_and_nothing_is_saved(importer, supervisor):
    response = _call(
        supervisor,
        "post",
        "/api/v1/recalls",
        {
            "title": "x",
            "category": "cosmetics",
            "product": "x",
            "defect": "x",
            "enterprise": importer.uscc,
            "source": "early_warning",
            "reported_on": "2026-09-02",
            "early_warning": "NOPE-1",
        },
    )
    assert response.status_code == 422 and "early_warning" in response.json()["fields"]
    assert not Recall.objects.exists()
