"""On PostgreSQL, a connection used a moment ago is not health-checked again; an idle one is."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test.utils import CaptureQueriesContext

from guomen.core.postgresql import base

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


def _health_checks(*, idle: float) -> list[str]:
    wrapper = connections[DEFAULT_DB_ALIAS]
    wrapper.ensure_connection()
    checked, kept = [], (wrapper.health_check_enabled, wrapper.__dict__.get("is_usable"))
    wrapper.health_check_enabled = True
    wrapper.is_usable = lambda: checked.append("SELECT 1") or True
    try:
        wrapper._last_query -= idle
        wrapper.health_check_done = False  # what Django does at the start of a request
        with CaptureQueriesContext(wrapper), wrapper.cursor() as cursor:
            cursor.execute("SELECT 2")
    finally:
        wrapper.health_check_enabled = kept[0]
        del wrapper.is_usable
    return checked


def test_a_connection_used_a_moment_ago_is_not_checked_again():
    assert _health_checks(idle=0) == []


def test_a_connection_idle_for_a_while_is_checked():
    assert _health_checks(idle=base.IDLE_S + 1) == ["SELECT 1"]
