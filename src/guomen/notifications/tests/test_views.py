"""Every notifications endpoint (pages and API) for each kind of caller: one's own rows only."""

import pytest
from django.test import Client

from guomen.notifications.choices import Delivery, Kind
from guomen.notifications.models import Notification, NotificationPreference
from guomen.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(world, ent):
    notify(
        recipients=[ent],
        kind=Kind.DECLARATION_HELD,
        params={"number": "D-MINE", "decision": "退运"},
        url="/declarations/D-MINE/",
        ref="d:1",
    )
    notify(
        recipients=[world["other_enterprise_user"]],
        kind=Kind.DECLARATION_RELEASED,
        params={"number": "D-THEIRS"},
        url="/declarations/D-THEIRS/",
        ref="d:2",
    )
    mine = Notification.objects.get(recipient=ent)
    theirs = Notification.objects.get(recipient=world["other_enterprise_user"])
    return mine, theirs


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_is_sent_to_sign_in_and_the_api_answers_401(rows):
    mine, _ = rows
    client = _client()
    for url in ("/notifications/", "/notifications/preferences/", f"/notifications/{mine.pk}/open/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/notifications/read/").status_code == 302
    assert client.get("/api/v1/notifications").status_code == 401
    assert client.post("/api/v1/notifications/read", {}, content_type="application/json").status_code == 401
    mine.refresh_from_db()
    assert mine.read_at is None


def test_the_inbox_shows_ones_own_with_the_unread_count(world, ent, rows):
    response = _client(ent).get("/notifications/")
    text = response.content.decode()
    assert response.status_code == 200 and "D-MINE" in text and "D-THEIRS" not in text
    assert 'data-testid="unread-count">1<' in text


def test_staff_have_an_inbox_too(world, rows):
    notify(recipients=[world["supervisor"]], kind=Kind.QUEUE_ITEM, params={"item": "复核 X"}, ref="q:1")
    response = _client(world["supervisor"]).get("/notifications/")
    assert response.status_code == 200 and "复核 X" in response.content.decode()
    assert "D-MINE" not in response.content.decode()


def test_opening_marks_read_and_goes_to_the_record_only_for_the_recipient(world, ent, rows):
    mine, theirs = rows
    client = _client(ent)
    assert client.get(f"/notifications/{theirs.pk}/open/").status_code == 404
    response = client.get(f"/notifications/{mine.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/declarations/D-MINE/"
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_marking_anothers_notification_read_changes_nothing(world, ent, rows):
    _, theirs = rows
    _client(ent).post("/notifications/read/", {"id": [theirs.pk]})
    response = _client(ent).post(
        "/api/v1/notifications/read", {"ids": [theirs.pk]}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["marked"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_api_lists_and_marks_ones_own(world, ent, rows):
    client = _client(ent)
    data = client.get("/api/v1/notifications").json()
    assert [i["subject"] for i in data["results"]] == ["报检单 D-MINE：货物被扣留"] or data["count"] == 1
    assert all("D-THEIRS" not in i["subject"] for i in data["results"])
    assert client.get("/api/v1/notifications/unread-count").json() == {"unread": 1}
    response = client.post("/api/v1/notifications/read", {}, content_type="application/json")
    assert response.json() == {"marked": 1, "unread": 0}
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 0


def test_the_api_refuses_bad_ids_naming_the_field(ent, rows):
    response = _client(ent).post(
        "/api/v1/notifications/read", {"ids": ["x"]}, content_type="application/json"
    )
    assert response.status_code == 422 and "ids" in str(response.json()["fields"])


def test_an_enterprise_system_key_reads_its_own_service_users_notifications_only(world, ent, rows):
    from guomen.accounts.services import api_key_create

    key, raw = api_key_create(name="ERP", org_code="SZ", enterprise=world["enterprise"])
    response = Client().get("/api/v1/notifications", HTTP_X_API_KEY=raw)
    assert response.status_code == 200
    assert all(
        "D-MINE" not in i["subject"] and "D-THEIRS" not in i["subject"] for i in response.json()["results"]
    )


def test_preferences_page_saves_and_refuses_bad_values(ent):
    client = _client(ent)
    assert client.get("/notifications/preferences/").status_code == 200
    response = client.post("/notifications/preferences/", {f"kind_{Kind.DECLARATION_SELECTED}": Delivery.OFF})
    assert response.status_code == 302
    assert (
        NotificationPreference.objects.get(user=ent, kind=Kind.DECLARATION_SELECTED).delivery == Delivery.OFF
    )
    response = client.post("/notifications/preferences/", {f"kind_{Kind.DECLARATION_HELD}": "hourly"})
    assert response.status_code == 422
    assert (
        NotificationPreference.objects.get(user=ent, kind=Kind.DECLARATION_HELD).delivery
        == Delivery.IMMEDIATE
    )


def test_staff_choose_for_their_queues_only(world):
    text = _client(world["supervisor"]).get("/notifications/preferences/").content.decode()
    assert f"kind_{Kind.RESULT_TO_CONFIRM}" in text and f"kind_{Kind.DECLARATION_HELD}" not in text


def test_marking_an_id_beyond_any_row_is_refused_naming_the_field(db, make_user):
    from django.test import Client

    from guomen.accounts.choices import Role

    user = make_user(Role.INSPECTOR, None, username="reader")
    client = Client()
    client.force_login(user)
    response = client.post(
        "/api/v1/notifications/read",
        '{"ids": [55135628313550176256]}',
        content_type="application/json",
    )
    assert response.status_code == 422
