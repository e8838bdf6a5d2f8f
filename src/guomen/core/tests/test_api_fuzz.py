"""Every operation of the OpenAPI document, called with hostile values, answers without a server error.

A bounded, deterministic sweep (no network, no random seed): for each operation, path parameters of 0 and past
64 bits, query integers of -1 and past 64 bits, long and odd strings, and bodies that are empty or of the wrong
shape — as the administrator and as an anonymous client."""

import json

import pytest
from django.test import Client

HUGE = "9223372036854775808"
STRING_VALUES = ["", "x" * 3000, "'; DROP TABLE x; --", "%", "../../etc/passwd", "０１２", "2026-13-45"]


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def _path(path: str, operation: dict, value: str) -> str:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", value)
    return path


def _query_cases(operation: dict):
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        kind = parameter.get("schema", {}).get("type")
        values = ["-1", HUGE, "1e999", "abc"] if kind in ("integer", "number") else STRING_VALUES
        for value in values:
            yield {parameter["name"]: value}


BODIES = [{}, {"id": HUGE}, [], "text", {"name": None, "version": -1}]


@pytest.fixture
def schema(db):
    return Client().get("/api/v1/openapi.json").json()


@pytest.fixture
def clients(admin_user):
    admin = Client(raise_request_exception=False)
    admin.force_login(admin_user)
    return {"admin": admin, "anonymous": Client(raise_request_exception=False)}


@pytest.mark.django_db
def test_no_operation_answers_a_server_error(schema, clients):
    failures = []
    for path, method, operation in _operations(schema):
        for who, client in clients.items():
            for path_value in ("0", HUGE):
                url = _path(path, operation, path_value)
                if method == "get":
                    cases = [{}] + list(_query_cases(operation))
                    responses = [(case, client.get(url, case)) for case in cases]
                else:
                    call = getattr(client, method)
                    responses = [
                        (body, call(url, json.dumps(body), content_type="application/json"))
                        for body in BODIES
                    ]
                for sent, response in responses:
                    if response.status_code >= 500:
                        failures.append(f"{who} {method.upper()} {url} {sent!r:.60} → {response.status_code}")
    assert failures == []
