"""One pagination style: every list operation of the OpenAPI document answers `{count, next, previous, results}`
and takes `limit` (1–500) and `offset`; a bad value is a 422 naming the field in Chinese, never a 500."""

import pytest
from django.test import Client
from django.utils import translation

from guomen.core.pagination import MAX_LIMIT

ENVELOPE = {"count", "next", "previous", "results"}


def _schema():
    return Client().get("/api/v1/openapi.json").json()


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


@pytest.mark.django_db
def test_no_operation_answers_a_bare_array():
    schema = _schema()
    bare, unpaged = [], []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method != "get":
                continue
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            body = content.get("application/json", {}).get("schema")
            if not body:
                continue
            if body.get("type") == "array":
                bare.append(f"{method.upper()} {path}")
                continue
            names = set(_resolve(schema, body).get("properties", {}))
            if "results" in names:
                params = {p["name"] for p in operation.get("parameters", [])}
                if not names >= ENVELOPE or not {"limit", "offset"} <= params:
                    unpaged.append(f"{method.upper()} {path}")
    assert bare == [], "return a list with @paginated from guomen.core.pagination (see docs/architecture.md)"
    assert unpaged == []


@pytest.fixture
def api(admin_user):
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_pages_link_to_each_other(api, orgs):
    first = api.get("/api/v1/accounts/org-units", {"limit": 2}).json()
    assert set(first) == ENVELOPE and first["count"] == len(orgs) and len(first["results"]) == 2
    assert first["previous"] is None and "offset=2" in first["next"] and "limit=2" in first["next"]
    second = api.get(first["next"]).json()
    assert "offset=0" in second["previous"]
    assert {u["code"] for u in first["results"]}.isdisjoint(u["code"] for u in second["results"])
    last = api.get("/api/v1/accounts/org-units", {"limit": 2, "offset": len(orgs) - 1}).json()
    assert last["next"] is None and len(last["results"]) == 1


def test_filters_are_kept_in_the_links(api, orgs):
    body = api.get("/api/v1/accounts/org-units", {"limit": 1, "kind": "port"}).json()
    assert "kind=port" in body["next"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": MAX_LIMIT + 1}, "limit"),
        ({"limit": "9223372036854775808"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "9223372036854775808"}, "offset"),
        ({"offset": "abc"}, "offset"),
    ],
)
def test_bad_numbers_are_refused_in_chinese(api, params, field):
    with translation.override("zh-hans"):
        response = api.get("/api/v1/inspections/tasks", params, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error" and list(body["fields"]) == [field]
    message = body["fields"][field][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
