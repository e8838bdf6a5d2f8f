import json

import pytest
from django.urls import reverse

from guomen.accounts.choices import Role

from .factories import PublicDecisionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("enterprise", 403),
        ("lab", 403),
        ("other_unit", 404),
        ("inspector", 200),
        ("supervisor", 200),
    ],
)
def test_staff_decision_page_permission_matrix(client, orgs, make_user, who, expected):
    decision = PublicDecisionFactory(org=orgs["SZ"])
    users = {
        "enterprise": make_user(Role.ENTERPRISE),
        "lab": make_user(Role.LAB_ANALYST, orgs["SZ"]),
        "other_unit": make_user(Role.SUPERVISOR, orgs["GZ"]),
        "inspector": make_user(Role.INSPECTOR, orgs["SZ"]),
        "supervisor": make_user(Role.SUPERVISOR, orgs["SZ"]),
    }
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(reverse("portal:decision_detail", args=[decision.pk]))
    assert response.status_code == expected


def test_an_inspector_cannot_publish(client, orgs, make_user):
    decision = PublicDecisionFactory(org=orgs["SZ"])
    client.force_login(make_user(Role.INSPECTOR, orgs["SZ"]))
    client.post(reverse("portal:decision_publish", args=[decision.pk]), {"publish": "1", "version": 1})
    decision.refresh_from_db()
    assert not decision.published


def test_a_supervisor_enters_and_publishes_a_decision_that_then_appears_publicly(client, orgs, supervisor):
    client.force_login(supervisor)
    response = client.post(
        reverse("portal:decision_create"),
        {
            "kind": "penalty",
            "decision_number": "深关缉违字〔2026〕0042号",
            "enterprise_name": "深圳市某贸易有限公司",
            "decided_on": "2026-10-09",
            "summary": "未按规定报检，罚款人民币二万元。",
            "org": orgs["SZ"].pk,
        },
    )
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.logout()
    assert client.get(reverse("portal:decision", args=[pk])).status_code == 404
    client.force_login(supervisor)
    client.post(reverse("portal:decision_publish", args=[pk]), {"publish": "1", "version": 1})
    client.logout()
    assert "0042" in client.get(reverse("portal:decision", args=[pk])).content.decode()


def test_decision_api_permission_matrix(client, orgs, make_user, supervisor):
    payload = {
        "kind": "licence",
        "decision_number": "X-1",
        "enterprise_name": "某公司",
        "decided_on": "2026-10-01",
        "summary": "准予许可。",
        "org": "SZ",
    }
    url = "/api/v1/public/decisions"
    assert client.post(url, json.dumps(payload), content_type="application/json").status_code == 401
    client.force_login(make_user(Role.ENTERPRISE))
    assert client.post(url, json.dumps(payload), content_type="application/json").status_code == 403
    client.force_login(supervisor)
    created = client.post(url, json.dumps(payload), content_type="application/json")
    assert created.status_code == 201 and created.json()["published"] is False
    pk = created.json()["id"]
    client.force_login(make_user(Role.SUPERVISOR, orgs["GZ"]))
    other = client.post(
        f"{url}/{pk}/publication", json.dumps({"published": True}), content_type="application/json"
    )
    assert other.status_code == 404
