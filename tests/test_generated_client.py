"""A client generated from the OpenAPI document calls every operation as documented: its method, its path with
real records, its required query parameters and a body valid for its request schema (tests/schema_client.py),
with the credentials of a role its row in tests/access.py lets in — an API key for the system role, a session for
the others. Every answer must be a documented status (never 401/403 to the right role, never 5xx) with a body
that validates against the documented response schema.

No operation is left out silently: an operation that cannot be called as documented goes in NOT_CALLABLE with
its reason, and a new operation fails here until it is callable (or listed)."""

import json

import jsonschema_rs
import pytest
from django.test import Client

from guomen.accounts.services import api_key_create

from .access import ACCESS
from .matrix import ROLES, call, roles_of

# The role a client of each operation signs in as, in this order of preference.
PREFERRED = [
    "supervisor",
    "risk_analyst",
    "inspector",
    "lab_analyst",
    "administrator",
    "enterprise",
    "leader",
    "system",
]

# Operations a generated client cannot call as documented, and why.
NOT_CALLABLE: dict[str, str] = {}


def _role_for(spec: str) -> str:
    if spec.split()[0] == "public":
        return "anonymous"
    allowed = roles_of(spec)
    return next((r for r in PREFERRED if r in allowed), "")


def _validator(document: dict, node: dict):
    return jsonschema_rs.Draft202012Validator({**node, "components": document.get("components", {})})


@pytest.fixture
def system_client(orgs):
    _key, raw = api_key_create(name="generated client", org_code="WJD")
    return Client(raise_request_exception=False, headers={"X-API-Key": raw})


def test_every_operation_answers_its_documented_client_as_documented(api_calls, clients, system_client):
    from guomen.api import api

    document = api.get_openapi_schema(path_prefix="/api/v1")
    wrong, answered = [], {}
    clients = {**clients, "system": system_client}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            key = f"{method.upper()} {path}"
            if key in NOT_CALLABLE:
                continue
            spec = ACCESS.get(key, "nobody")
            role = _role_for(spec)
            if not role:
                wrong.append(f"{key}: no role may call it; list it in NOT_CALLABLE with the reason")
                continue
            url, body = api_calls[key]
            callers = [role]
            if (
                method == "get"
                and role != "system"
                and "system" in roles_of(spec)
                and spec.split()[0] != "public"
            ):
                callers.append("system")  # a read is called with the API key too
            for role in callers:
                _check(wrong, answered, key, operation, role, clients[role], method, url, body, document)
    stale = sorted(set(NOT_CALLABLE) - {f"{m.upper()} {p}" for p, i in document["paths"].items() for m in i})
    assert not stale, f"NOT_CALLABLE names operations that no longer exist: {stale}"
    assert not wrong, f"{len(wrong)} operation(s) not answered as documented:\n" + "\n".join(wrong)
    succeeded = sum(1 for s in answered.values() if s < 300)
    print(f"{len(answered)} calls of operations as documented, {succeeded} answered 2xx")


def _check(wrong, answered, key, operation, role, client, method, url, body, document):
    """One call, its answer held against the document: a documented status, content type and body."""
    response = call(client, method, url, body=body)
    status = str(response.status_code)
    answered[(key, role)] = response.status_code
    documented = {str(k): v for k, v in operation.get("responses", {}).items()}
    if response.status_code >= 500 or response.status_code in (401, 403):
        wrong.append(f"{key} as {role}: {status} ({url}) {response.content[:300]!r}")
        return
    if status not in documented:
        wrong.append(f"{key} as {role}: {status} is not a documented status ({sorted(documented)})")
        return
    content_type = response.get("Content-Type", "")
    content = documented[status].get("content", {})
    if not content:
        return
    files = [t for t, doc in content.items() if doc.get("schema", {}).get("format") == "binary"]
    if files:  # a download: the file's type is one the document names
        if content_type.split(";")[0] not in {t.split(";")[0] for t in files}:
            wrong.append(f"{key} as {role}: {content_type!r}, documented {files}")
        return
    if not content_type.startswith("application/json") or "application/json" not in content:
        wrong.append(f"{key} as {role}: {status} {content_type!r}, documented {sorted(content)}")
        return
    errors = [
        f"{'/'.join(map(str, e.instance_path))}: {e.message[:200]}"
        for e in _validator(document, content["application/json"]["schema"]).iter_errors(
            json.loads(response.content)
        )
    ]
    if errors:
        wrong.append(f"{key} as {role}: {status} does not match the documented schema: {errors[:3]}")


def test_every_role_of_the_matrix_is_a_role():
    assert set(PREFERRED) == set(ROLES)
