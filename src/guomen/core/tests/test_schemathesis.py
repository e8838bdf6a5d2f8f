"""Schemathesis over the whole OpenAPI document, in process (the WSGI handler, no server, no network).

Every operation is called with a bounded number of generated examples, once with an API key and once with a
signed-in session (CSRF token sent), and fails on any 5xx, any undocumented status, content type or body that
does not match the documented schema. Marked `fuzz`; it runs in the SQLite pass of CI only (the PostgreSQL pass
runs the same code paths through the rest of the suite). GUOMEN_FUZZ_EXAMPLES raises the number of examples.

The database is seeded first with the bureau of the permission matrix (tests/conftest.py: a declaration of 文锦渡
with its task, and one record of each collection the API can create), and the examples take turns: real records
in the path and a generated body; real records and a valid body (tests/schema_client.py); all generated. So
record operations reach their services instead of answering 404."""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from tests.conftest import api_records, bureau, clients, made_records  # noqa: F401
from tests.matrix import BODY_FOR, path_values
from tests.schema_client import request_for

from guomen.accounts.services import api_key_create
from guomen.api import api
from guomen.declarations.tests.conftest import world  # noqa: F401 — fixtures of the seeded bureau

EXAMPLES = int(os.environ.get("GUOMEN_FUZZ_EXAMPLES", "6"))
CSRF = "f" * 32
# Operations with a record in their path that must answer 2xx at least once (the seeding works).
REACHED = 5

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="fuzzed once, in the SQLite pass (see .ci/run and the fuzz marker)",
    ),
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection(seeded):
    """As Django's test client does: a finished request must not close the test's database connection
    (after seeding, whose test-client requests connect the signal again when they end)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _schema():
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
    loaded.app = WSGIHandler()
    return loaded


def _not_a_server_error(ctx, response, case):
    if response.status_code >= 500:
        raise AssertionError(f"{case.method} {case.formatted_path} answered {response.status_code}")


CHECKS = [_not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def key_headers(orgs):
    _key, raw = api_key_create(name="fuzz", org_code="GACC")
    return {"X-API-Key": raw}


@pytest.fixture
def session_cookies(clients):  # noqa: F811
    """The session of the seeded bureau's supervisor (文锦渡), who may act on most of its records."""
    return {"sessionid": clients["supervisor"].cookies["sessionid"].value, "csrftoken": CSRF}


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def seeded(bureau, api_records):  # noqa: F811
    """Per operation (method, path): the real records of its path parameters and a valid JSON body (or None)."""
    schema, created = api_records
    values = bureau["body_values"]
    out = {}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            request = request_for(schema, operation, values, BODY_FOR.get(f"{method.upper()} {path}"))
            body = None
            if request and request.get("content_type") == "application/json":
                import json

                body = json.loads(request["data"])
            out[(method.upper(), path)] = (path_values(path, bureau["values"], created), body)
    return out


def _examples(operation, call, real_path: dict, valid_body):
    """The operation's examples, taking turns: real records in the path with a generated body, real records
    with a valid body, all generated."""
    turn = iter(range(10**9))

    @FUZZ_SETTINGS
    @given(case=operation.as_strategy())
    def examples(case):
        kind = next(turn) % 3
        if kind in (0, 1) and real_path:
            case.path_parameters = dict(real_path)
        if kind == 1 and valid_body is not None:
            case.body = valid_body
        call(case)

    return examples


def _fuzz(call, seeded) -> None:
    """Each operation in turn, its own examples; every failure is collected, then all are shown. The operations
    on a record that answered 2xx are counted: the seeded records must be reached, not only 404s."""
    failures, reached = [], set()

    def counted(case):
        response = call(case)
        if case.path_parameters and response is not None and response.status_code < 300:
            reached.add((case.method, case.operation.path))
        return response

    for result in _schema().get_all_operations():
        operation = result.ok()
        real_path, valid_body = seeded.get((operation.method.upper(), operation.path), ({}, None))
        try:
            _examples(operation, counted, real_path, valid_body)()
        except Exception as exc:
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:800]}")
    assert not failures, f"{len(failures)} operation(s) failed:\n\n" + "\n\n".join(failures)
    print(f"{len(reached)} operations on a record answered 2xx")
    assert len(reached) >= REACHED, (
        f"only {len(reached)} operations on a record answered 2xx: {sorted(reached)}"
    )


def test_api_answers_as_documented_to_a_system_client(key_headers, seeded):
    _fuzz(lambda case: case.call_and_validate(headers=key_headers, checks=CHECKS), seeded)


def test_api_answers_as_documented_to_a_signed_in_user(session_cookies, seeded):
    headers = {"X-CSRFToken": CSRF, "Referer": "http://localhost/"}
    _fuzz(
        lambda case: case.call_and_validate(headers=headers, cookies=session_cookies, checks=CHECKS), seeded
    )
