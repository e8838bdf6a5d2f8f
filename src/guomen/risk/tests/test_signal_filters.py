"""One filter definition for the risk-signal list: the page and the API take the same names and give the same rows."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guomen.risk.selectors import SignalFilters

from .factories import make_signal

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_page_and_api_filter_alike(rw):
    old = make_signal(rw, n=1, days_ago=40)
    recent = make_signal(rw, n=2, days_ago=1, origin=rw["vietnam"])
    since = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    client = _client(rw["analyst"])
    for query, expected in [
        ({"from": since}, [recent.pk]),
        ({"origin": "th"}, [old.pk]),
        ({"hazard": str(rw["pest"].pk), "to": since}, [old.pk]),
        ({"q": "南洋臀纹粉蚧 2"}, [recent.pk]),
    ]:
        api = client.get("/api/v1/risk/signals", query).json()
        assert [s["id"] for s in api["results"]] == expected, query
        page = client.get(reverse("risk:signal_list"), query).content.decode()
        assert (f"检出南洋臀纹粉蚧 {1 if expected == [old.pk] else 2}") in page
        assert (f"检出南洋臀纹粉蚧 {2 if expected == [old.pk] else 1}") not in page


def test_the_api_refuses_a_bad_value_the_page_ignores_it(rw):
    client = _client(rw["analyst"])
    response = client.get("/api/v1/risk/signals", {"from": "2026-13-45"})
    assert response.status_code == 422 and list(response.json()["fields"]) == ["from"]
    assert client.get(reverse("risk:signal_list"), {"from": "2026-13-45"}).status_code == 200


def test_from_query_keeps_what_it_can_read():
    filters = SignalFilters.from_query({"from": "bad", "origin": "TH", "hazard": "x"})
    assert filters.date_from is None and filters.hazard is None and filters.origin == "TH"
    assert filters.as_query() == {"origin": "TH"}
