"""The audit log's partitions on PostgreSQL (docs/adr/0006-partitioning.md).

On PostgreSQL the audit event table is partitioned by ranges of its position in the log (`seq`): one partition
per `GUOMEN_AUDIT_PARTITION_SIZE` positions (50 M by default), and a DEFAULT partition that holds the events not
sealed yet (no position). Sealing gives an event its position, which moves it into its range partition. `seq`
stays unique across the whole log (a unique constraint may contain the partition key alone), and a range that
has been verified can later be detached and archived as a whole.

Range partitions are created ahead of the sealer (`audit_partitions_ensure`, called by `audit_seal` in its own
short transaction before it takes the sealer's lock, and by `guomen audit-partitions`): creating a partition
locks the table for a moment, which writers must not meet inside a seal. An event sealed beyond the last range
would land in the DEFAULT partition and then stop that range from being created, so the sealer never seals past
the partitions that exist.

SQLite has no partitioning: there every function here answers as for a plain table and changes nothing.
"""

import re

from django.conf import settings
from django.db import connection, transaction

TABLE = "core_auditevent"
DEFAULT_PARTITION = f"{TABLE}_unsealed"
_BOUNDS = re.compile(r"FROM \('?(\d+)'?\) TO \('?(\d+)'?\)")


def partition_size() -> int:
    return max(1, int(getattr(settings, "GUOMEN_AUDIT_PARTITION_SIZE", 50_000_000)))


def audit_partitioned(conn=None) -> bool:
    conn = conn or connection
    if conn.vendor != "postgresql":
        return False
    with conn.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [TABLE])
        row = cursor.fetchone()
    return bool(row) and row[0] == "p"


def audit_partitions(conn=None) -> list[tuple[str, int | None, int | None]]:
    """(name, first position, position after the last) of each partition, the DEFAULT one with (None, None)."""
    conn = conn or connection
    if not audit_partitioned(conn):
        return []
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(%s)",
            [TABLE],
        )
        rows = cursor.fetchall()
    found = []
    for name, bound in rows:
        match = _BOUNDS.search(bound or "")
        found.append((name, int(match[1]), int(match[2])) if match else (name, None, None))
    return sorted(found, key=lambda p: (p[1] is None, p[1] or 0))


def _create_sql(lower: int, upper: int) -> str:
    return (
        f'CREATE TABLE IF NOT EXISTS "{TABLE}_s{lower:012d}" PARTITION OF "{TABLE}" '
        f"FOR VALUES FROM ({lower}) TO ({upper})"
    )


def audit_partitions_ensure(upto: int, *, ahead: int = 1, conn=None) -> list[str]:
    """Create range partitions until positions 1…`upto` are covered and `ahead` more partitions exist beyond;
    the names created (none on SQLite or when enough exist). Runs in its own short transaction."""
    conn = conn or connection
    if not audit_partitioned(conn):
        return []
    size = partition_size()
    ranges = [p for p in audit_partitions(conn) if p[1] is not None]
    end = max((p[2] for p in ranges), default=1)
    target = max(upto, 0) + 1 + ahead * size
    created = []
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        while end < target:
            cursor.execute(_create_sql(end, end + size))
            created.append(f"{TABLE}_s{end:012d}")
            end += size
    return created


def audit_partition_end(conn=None) -> int | None:
    """The first position no range partition covers (None when the table is not partitioned)."""
    ranges = [p for p in audit_partitions(conn) if p[1] is not None]
    if not audit_partitioned(conn):
        return None
    return max((p[2] for p in ranges), default=1)
