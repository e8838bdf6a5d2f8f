import json

import pytest
from django.test import override_settings
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.complaints.models import Complaint

from .factories import complaint_data, submit

pytestmark = pytest.mark.django_db


def post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_the_public_can_submit_without_a_key_and_track_by_code(client, orgs):
    response = post(client, "/api/v1/complaints/public", {**complaint_data(), "org": "SZ"})
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    tracked = client.get(f"/api/v1/complaints/public/{code}").json()
    assert tracked["status"] == "received" and "contact_phone" not in tracked


def test_bad_input_is_a_422_naming_the_field(client, orgs):
    response = post(client, "/api/v1/complaints/public", {**complaint_data(), "description": "短"})
    assert response.status_code == 422 and "description" in response.json()["fields"]


@override_settings(GUOMEN_RATE_LIMITS={"complaint_submit": (1, 3600)})
def test_the_api_is_rate_limited_too(client, orgs):
    assert post(client, "/api/v1/complaints/public", complaint_data()).status_code == 201
    second = post(client, "/api/v1/complaints/public", complaint_data())
    assert second.status_code == 429 and second.json()["code"] == "rate_limited"


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("enterprise", 403), ("other", 404), ("supervisor", 200)]
)
def test_staff_endpoints_permission_matrix(client, orgs, make_user, supervisor, other_inspector, who, status):
    complaint = submit(org=orgs["SZ"])
    users = {"enterprise": make_user(Role.ENTERPRISE), "other": other_inspector, "supervisor": supervisor}
    if who != "anonymous":
        client.force_login(users[who])
    response = client.get(f"/api/v1/complaints/{complaint.pk}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["tracking_code"] == complaint.tracking_code


def test_staff_handle_a_complaint_over_the_api(client, orgs, supervisor):
    complaint = submit(org=orgs["SZ"])
    client.force_login(supervisor)
    assert (
        post(
            client, f"/api/v1/complaints/{complaint.pk}/triage", {"category": "quality", "org": "SZ"}
        ).status_code
        == 200
    )
    assert post(client, f"/api/v1/complaints/{complaint.pk}/reply", {"reply": "已处理"}).status_code == 200
    closed = post(client, f"/api/v1/complaints/{complaint.pk}/close", {"outcome": "substantiated"})
    assert closed.json()["status"] == "closed"
    stale = post(client, f"/api/v1/complaints/{complaint.pk}/reply", {"reply": "再次答复"})
    assert stale.status_code == 409


def test_the_feedback_rate_endpoint(client, orgs, supervisor):
    submit(org=orgs["SZ"])
    client.force_login(supervisor)
    today = timezone.localtime(Complaint.objects.get().received_at).date().isoformat()  # the bureau's day
    body = client.get(f"/api/v1/complaints/feedback-rate?start={today}&end={today}").json()
    assert body == {"replied_on_time": 0, "received": 1, "rate": 0.0}


def test_the_api_takes_the_page_filters(supervisor, make_user, orgs):
    """One ComplaintFilters for the page and the API: `mine` (the page's 已指派给我) works in both."""
    from django.test import Client
    from django.urls import reverse

    from guomen.complaints.selectors import ComplaintFilters

    client = Client()
    client.force_login(supervisor)
    response = client.get("/api/v1/complaints", {"mine": "1", "flag": "overdue"})
    assert response.status_code == 200 and response.json()["count"] == 0
    assert ComplaintFilters.from_query({"mine": "1", "q": " 榴莲 "}).as_query() == {"mine": "1", "q": "榴莲"}
    assert client.get(reverse("complaints:list"), {"mine": "1"}).status_code == 200
