"""Schemathesis over the whole OpenAPI document, in process (the WSGI handler, no server, no network).

Every operation is called with a bounded number of generated examples, once with an API key and once with a
signed-in session (CSRF token sent), and fails on any 5xx, any undocumented status, content type or body that
does not match the documented schema. Marked `fuzz`; it runs in the SQLite pass of CI only (the PostgreSQL pass
runs the same code paths through the rest of the suite). GUOMEN_FUZZ_EXAMPLES raises the number of examples."""

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

from guomen.accounts.services import api_key_create
from guomen.api import api

EXAMPLES = int(os.environ.get("GUOMEN_FUZZ_EXAMPLES", "6"))
CSRF = "f" * 32

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="fuzzed once, in the SQLite pass (see .ci/run and the fuzz marker)",
    ),
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: a finished request must not close the test's database connection."""
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
def session_cookies(admin_user):
    from django.test import Client

    client = Client()
    client.force_login(admin_user)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _fuzz(call) -> None:
    """Each operation in turn, its own examples; every failure is collected, then all are shown."""
    failures = []
    for result in _schema().get_all_operations():
        operation = result.ok()

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy())
        def examples(case):
            call(case)

        try:
            examples()
        except Exception as exc:
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:800]}")
    assert not failures, f"{len(failures)} operation(s) failed:\n\n" + "\n\n".join(failures)


def test_api_answers_as_documented_to_a_system_client(key_headers):
    _fuzz(lambda case: case.call_and_validate(headers=key_headers, checks=CHECKS))


def test_api_answers_as_documented_to_a_signed_in_user(session_cookies):
    headers = {"X-CSRFToken": CSRF, "Referer": "http://localhost/"}
    _fuzz(lambda case: case.call_and_validate(headers=headers, cookies=session_cookies, checks=CHECKS))
