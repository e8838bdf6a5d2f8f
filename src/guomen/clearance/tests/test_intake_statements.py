"""One intake's SQL statements on the small demo bureau: a fixed number, whatever the bureau holds.

Counts, not timings: `POST /api/v1/declarations` once the process has read its reference data (ports, countries,
HS codes, the targeting snapshot). The clearance flow — validation, numbering, decision, release-rule facts,
task, audit — takes at most 15 statements; the request adds only the transaction's begin and end (on SQLite and
PostgreSQL alike): a system client's key is read once and then kept in memory (accounts.auth). Telling the enterprise that its goods were selected (the announcement's
listeners: notifications) is counted apart: at most 2 statements, one read and one insert.
"""

import contextlib
import datetime as dt
import json

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guomen.clearance import announce
from guomen.demo.services import seed_demo

FLOW_MAX = 15
REQUEST_MAX = (
    FLOW_MAX + 2
)  # begin and commit (a savepoint and its release inside a test); the key is in memory
ANNOUNCE_MAX = 2  # the enterprise's users with their preference and what they were told already; one insert
SMALL = 600


@pytest.fixture(scope="module")
def bureau(django_db_setup, django_db_blocker):
    """The small demo bureau with a short history, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        summary = seed_demo(size="small", seed=7, declarations=SMALL).summary()
        yield summary
        transaction.set_rollback(True)


def _payload(summary: dict, n: int, *, documents: bool = True) -> dict:
    """A Thai durian consignment from a registered orchard and packhouse arriving today (as bench/api_intake)."""
    orchard = next(c for c in summary["production_bases"] if c.startswith("TH-GAP-03-"))
    packhouse = next(c for c in summary["production_bases"] if c.startswith("TH-DOA-PH-"))
    importer = summary["enterprises"][0]["uscc"]
    return {
        "direction": "import",
        "port": "WJD",
        "declarant_uscc": importer,
        "consignee_uscc": importer,
        "origin_country": "TH",
        "transport": "truck",
        "arrival_date": dt.date.today().isoformat(),
        "lines": [
            {
                "hs_code": "0810600000",
                "description": "鲜榴莲",
                "quantity": 1200,
                "unit": "carton",
                "net_weight_kg": 21600,
                "value": 69120,
                "currency": "USD",
                "production_base_codes": [orchard, packhouse],
            }
        ],
        "documents": [{"type": "phytosanitary_certificate", "number": f"TH-COUNT-{n:06d}"}]
        if documents
        else [],
    }


def _post(summary: dict, body: dict, *, listeners: bool = False):
    with CaptureQueriesContext(connection) as ctx, _listening(listeners):
        response = Client().post(
            "/api/v1/declarations",
            json.dumps(body),
            content_type="application/json",
            HTTP_X_API_KEY=summary["api_key"],
        )
    assert response.status_code == 201, response.content
    return response.json(), [q["sql"] for q in ctx.captured_queries]


@contextlib.contextmanager
def _listening(on: bool):
    """The intake alone (no listener), or with the listeners registered at start."""
    kept = list(announce.LISTENERS)
    if not on:
        announce.LISTENERS.clear()
    try:
        yield
    finally:
        announce.LISTENERS[:] = kept


def _flow(statements: list[str]) -> list[str]:
    """The statements of the clearance flow: inside the intake's transaction."""
    opened = next(i for i, sql in enumerate(statements) if sql.startswith(("BEGIN", "SAVEPOINT")))
    return statements[opened + 1 : -1]


@pytest.mark.django_db
def test_an_intake_takes_a_fixed_small_number_of_statements(bureau):
    _post(bureau, _payload(bureau, 1))  # the process reads its reference data once
    body, statements = _post(bureau, _payload(bureau, 2))

    assert body["status"] == "under_inspection"  # the full path: decision, task, four audit events
    assert len(statements) <= REQUEST_MAX, "\n".join(statements)
    assert not [sql for sql in statements if "accounts_apikey" in sql], "the key is read once per process"
    flow = _flow(statements)
    assert len(flow) <= FLOW_MAX, "\n".join(flow)
    assert not [sql for sql in flow if sql.startswith("SAVEPOINT")]
    assert sum(sql.startswith('INSERT INTO "core_auditevent"') for sql in flow) == 1


@pytest.mark.django_db
def test_the_count_does_not_grow_with_lines_or_bureau_history(bureau):
    _post(bureau, _payload(bureau, 3))
    _body, one_line = _post(bureau, _payload(bureau, 4))
    many = _payload(bureau, 5)
    many["lines"] = [dict(many["lines"][0], description=f"鲜榴莲 {i}") for i in range(12)]
    _body, twelve_lines = _post(bureau, many)

    assert len(twelve_lines) == len(one_line)


@pytest.mark.django_db
def test_telling_the_enterprise_costs_a_few_statements_more(bureau):
    _post(bureau, _payload(bureau, 6))
    _body, alone = _post(bureau, _payload(bureau, 7))
    _body, told = _post(bureau, _payload(bureau, 8), listeners=True)

    extra = [sql for sql in told if sql not in alone]
    assert len(told) - len(alone) <= ANNOUNCE_MAX, "\n".join(extra)
    assert sum("notifications_notification" in sql and sql.startswith("INSERT") for sql in told) == 1, extra
