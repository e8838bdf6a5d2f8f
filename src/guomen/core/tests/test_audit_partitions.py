"""The audit log's partitions: by ranges of position on PostgreSQL, a plain table on SQLite (core.partitions)."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from guomen.core.audit import audit_seal, audit_verify
from guomen.core.models import AuditEvent
from guomen.core.partitions import (
    DEFAULT_PARTITION,
    TABLE,
    audit_partitioned,
    audit_partitions,
    audit_partitions_ensure,
)
from guomen.core.services import audit_record

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="partitioning is PostgreSQL's")


def _record(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        audit_record(actor=None, verb="test.edit", object_type="test.thing", object_id=str(i), after={"n": i})


def _partition_of(event_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT tableoid::regclass::text FROM "{TABLE}" WHERE id = %s', [event_id])
        return cursor.fetchone()[0].strip('"')


@pytest.fixture
def small_partitions(settings, audit_anchor):
    """Partitions of four positions, starting from an empty log (the migration's first range is taken away)."""
    if AuditEvent.objects.exists():
        pytest.skip("the test database already holds audit events")
    settings.GUOMEN_AUDIT_PARTITION_SIZE = 4
    with connection.cursor() as cursor:
        for name, lower, _upper in audit_partitions():
            if lower is not None:
                cursor.execute(f'DROP TABLE "{name}"')
    audit_partitions_ensure(0)
    return settings


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's side")
def test_on_sqlite_the_log_stays_a_plain_table():
    assert audit_partitioned() is False
    assert audit_partitions_ensure(10_000) == []


@postgresql_only
def test_on_postgresql_unsealed_events_wait_in_the_default_partition():
    _record(1)
    assert audit_partitioned() is True
    assert _partition_of(AuditEvent.objects.get().pk) == DEFAULT_PARTITION


@postgresql_only
def test_sealing_moves_events_into_range_partitions_created_ahead(small_partitions):
    _record(10)
    audit_seal()

    ranges = [(lower, upper) for _name, lower, upper in audit_partitions() if lower is not None]
    assert ranges[:4] == [(1, 5), (5, 9), (9, 13), (13, 17)]  # positions 1–10 and one partition ahead
    homes = {_partition_of(e.pk) for e in AuditEvent.objects.all()}
    assert DEFAULT_PARTITION not in homes
    assert len(homes) == 3
    assert audit_verify(full=True).intact


@postgresql_only
def test_an_edited_event_in_an_older_partition_is_still_found(small_partitions):
    _record(10)
    audit_seal()
    AuditEvent.objects.filter(seq=2).update(reason="悄悄改过")

    assert "edited" in audit_verify(full=True).kinds


@postgresql_only
def test_a_position_stays_unique_across_partitions(small_partitions):
    _record(10)
    audit_seal()

    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.filter(seq=9).update(seq=2)


@postgresql_only
def test_new_events_keep_their_own_ids_after_the_migration():
    _record(3)
    ids = list(AuditEvent.objects.values_list("id", flat=True))
    assert len(set(ids)) == 3 and all(ids)


@postgresql_only
def test_the_command_creates_partitions_ahead_and_lists_them(small_partitions, capsys):
    call_command("audit-partitions", "--ahead", "3")

    out = capsys.readouterr().out
    assert DEFAULT_PARTITION in out
    assert "9–12" in out  # positions 1–12: three partitions of four ahead of an empty log
