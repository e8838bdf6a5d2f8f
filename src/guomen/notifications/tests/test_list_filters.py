"""The inbox's FilterSet: the page and GET /api/v1/notifications give the same notifications for the same query
string (one's own only); a value of `unread` that is no yes/no is refused by the API by name, ignored by the page."""

import pytest
from django.utils import timezone
from tests.lists import client_of

from guomen.notifications.choices import Kind
from guomen.notifications.models import Notification
from guomen.notifications.services import notify

pytestmark = pytest.mark.django_db

PAGE, API = "/notifications/", "/api/v1/notifications"


@pytest.fixture
def numbers(world, ent) -> set[str]:
    """Two of the enterprise user's own (D-READ read, D-NEW not) and one of another enterprise's (D-THEIRS)."""
    for number, user in [("D-READ", ent), ("D-NEW", ent), ("D-THEIRS", world["other_enterprise_user"])]:
        notify(
            recipients=[user], kind=Kind.DECLARATION_RELEASED, params={"number": number}, ref=f"d:{number}"
        )
    Notification.objects.filter(params__number="D-READ").update(read_at=timezone.now())
    return {"D-READ", "D-NEW", "D-THEIRS"}


def _same(client, numbers, query, expected):
    api = client.get(API, query)
    assert api.status_code == 200, api.content[:300]
    assert {n for n in numbers if any(n in row["subject"] for row in api.json()["results"])} == expected, (
        query
    )
    page = client.get(PAGE, query)
    assert page.status_code == 200
    assert {n for n in numbers if n in page.content.decode()} == expected, query


@pytest.mark.parametrize(
    "query,expected",
    [({}, {"D-READ", "D-NEW"}), ({"unread": "1"}, {"D-NEW"}), ({"unread": "true"}, {"D-NEW"}),
     ({"unread": "0"}, {"D-READ", "D-NEW"})],
)  # fmt: skip
def test_page_and_api_give_the_same_notifications(numbers, ent, query, expected):
    _same(client_of(ent), numbers, query, expected)


def test_anothers_notifications_never_appear(numbers, world):
    _same(client_of(world["other_enterprise_user"]), numbers, {}, {"D-THEIRS"})
    _same(client_of(world["other_enterprise_user"]), numbers, {"unread": "1"}, {"D-THEIRS"})


def test_the_api_refuses_an_unreadable_unread_by_name_the_page_ignores_it(numbers, ent):
    client = client_of(ent)
    answer = client.get(API, {"unread": "maybe"})
    assert answer.status_code == 422 and list(answer.json()["fields"]) == ["unread"]
    page = client.get(PAGE, {"unread": "maybe"}).content.decode()
    assert {n for n in numbers if n in page} == {"D-READ", "D-NEW"}


def test_the_api_documents_the_filter(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"][API]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == "unread"]
    assert parameter["schema"]["type"] == "boolean" and parameter["schema"]["default"] is False
