"""Human-readable numbers (报检号, 样品编号 …) that never refuse a valid submission.

Each number series has a key (the app and the prefix, e.g. "declarations:WJD20261206") and a counter row in
`NumberSequence`. The next value comes from one statement (`UPDATE … SET last = last + 1 … RETURNING last`,
an upsert the first time). On PostgreSQL the statement runs on a separate autocommit connection of the same
thread, so the counter row is locked for that one statement only and not until the caller's transaction commits:
two intakes at the same port never wait on each other for a number. On SQLite, which has one writer at a time
anyway, it runs in the caller's transaction.

Gaps are accepted: a number taken by a transaction that then rolls back is not handed out again (as with any
database sequence). A number already taken by a row written some other way (an import, rows older than the
counter) is skipped: the counter jumps past the highest number in use and the insert is tried again.
"""

import threading
from collections.abc import Callable

from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    models,
    transaction,
)

from .models import NumberSequence
from .rows import insert_unless_taken

MAX_SKIPS = 100
_local = threading.local()


def _own_connection():
    conn = getattr(_local, "connection", None)
    if conn is None:
        conn = connections.create_connection(DEFAULT_DB_ALIAS)
        _local.connection = conn
    return conn


def close_own_connection() -> None:
    """Close this thread's numbering connection (threads that end, and tests)."""
    conn = getattr(_local, "connection", None)
    if conn is not None:
        conn.close()
        _local.connection = None


def counter_connection():
    """The connection a counter is advanced on: on PostgreSQL inside a transaction, this thread's own
    autocommit connection (the counter row is locked for one statement, not until the caller commits)."""
    use_own = (
        connection.vendor == "postgresql"
        and connection.in_atomic_block
        and getattr(settings, "GUOMEN_NUMBERING_OWN_CONNECTION", True)
    )
    return _own_connection() if use_own else connection


def next_value(key: str, *, floor: Callable[[], int], resync: bool = False) -> int:
    """The next value of the series `key`. `floor()` is the highest value already in use; it is read when the
    counter is created and, with `resync`, when a value turned out to be taken."""
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    col = connection.ops.quote_name("key")
    conn = counter_connection()
    for attempt in range(2):
        try:
            with conn.cursor() as cursor:
                if resync:
                    highest = floor()
                    cursor.execute(
                        f"UPDATE {table} SET last = (CASE WHEN last < %s THEN %s ELSE last END) + 1 "
                        f"WHERE {col} = %s RETURNING last",
                        [highest, highest, key],
                    )
                else:
                    cursor.execute(
                        f"UPDATE {table} SET last = last + 1 WHERE {col} = %s RETURNING last", [key]
                    )
                row = cursor.fetchone()
                if row is None:
                    start = floor() + 1
                    cursor.execute(
                        f"INSERT INTO {table} ({col}, last) VALUES (%s, %s) "
                        f"ON CONFLICT ({col}) DO UPDATE SET last = {table}.last + 1 RETURNING last",
                        [key, start],
                    )
                    row = cursor.fetchone()
            return int(row[0])
        except (OperationalError, InterfaceError):
            if conn is connection or attempt:
                raise
            close_own_connection()  # a dropped connection: open a new one once
            conn = _own_connection()
    raise AssertionError("unreachable")


def insert_numbered(
    obj: models.Model, *, key: str, number: Callable[[int], str], floor: Callable[[], int]
) -> None:
    """Insert `obj` with `obj.number = number(next value)`; a value whose number is already taken is skipped.

    Two statements in the usual case (the counter and the insert) and no savepoint."""
    value = next_value(key, floor=floor)
    model = type(obj)
    for _skip in range(MAX_SKIPS):
        obj.number = number(value)
        if insert_unless_taken(obj):
            return
        if not model._default_manager.filter(number=obj.number).exists():
            # another unique value (or, on SQLite, a NOT NULL or CHECK rule) stopped the row: say so as save would
            with transaction.atomic():
                obj.save(force_insert=True)
            return
        value = next_value(key, floor=floor, resync=True)
    raise IntegrityError(f"{model.__name__}: {MAX_SKIPS} numbers in a row were taken under {key}")
