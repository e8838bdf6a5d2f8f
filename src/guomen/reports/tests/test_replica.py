"""Report pages read from the replica when one is configured, and from the primary when it is down."""

import logging

import pytest
from django.db import connections
from django.urls import reverse

from guomen.core import replica
from guomen.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_replica(monkeypatch):
    """A replica alias pointing at a database that cannot be opened (a missing directory / a closed port)."""
    config = dict(connections["default"].settings_dict)
    if connections["default"].vendor == "sqlite":
        config["NAME"] = "/nonexistent-guomen-replica/replica.sqlite3"
    else:
        config.update(HOST="127.0.0.1", PORT="1")
    connections.settings[replica.REPLICA] = config
    conn = connections[replica.REPLICA]

    def ensure_connection():  # Django's test case refuses aliases it did not set up; this one is meant to fail
        if conn.connection is None:
            with conn.wrap_database_errors:
                conn.connect()

    monkeypatch.setattr(conn, "ensure_connection", ensure_connection)
    yield
    connections[replica.REPLICA].close()
    del connections[replica.REPLICA]
    del connections.settings[replica.REPLICA]


def test_reads_inside_the_block_go_to_the_replica_and_writes_never_do():
    router = replica.ReplicaRouter()
    token = replica._reading.set(True)
    try:
        assert router.db_for_read(AuditEvent) == replica.REPLICA
        assert router.db_for_write(AuditEvent) == "default"
    finally:
        replica._reading.reset(token)
    assert router.db_for_read(AuditEvent) is None


def test_the_replica_is_never_migrated():
    assert replica.ReplicaRouter().allow_migrate(replica.REPLICA, "core") is False


def test_without_a_replica_pages_read_from_the_primary():
    with replica.replica_reads() as on_replica:
        assert on_replica is False


def test_a_replica_that_is_down_falls_back_to_the_primary_with_a_warning(
    client, world, supervisor, broken_replica, caplog
):
    client.force_login(supervisor)

    with caplog.at_level(logging.WARNING, logger="guomen.replica"):
        response = client.get(reverse("reports:kpis"))

    assert response.status_code == 200
    assert "replica database unavailable" in caplog.text
