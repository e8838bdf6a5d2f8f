"""On PostgreSQL, audit writers in different transactions never wait on each other (no shared row is locked)."""

import threading

import pytest
from django.db import connection, transaction

from guomen.core.models import AuditEvent
from guomen.core.services import audit_record

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer by design"),
]


def _append(label: str) -> None:
    audit_record(actor=None, verb="test.append", object_type="test.writer", object_id=label)


def test_two_writers_append_while_both_transactions_are_open():
    first_recorded = threading.Event()
    release_first = threading.Event()
    second_committed = threading.Event()
    errors: list[Exception] = []

    def first_writer():
        try:
            with transaction.atomic():
                _append("first")
                first_recorded.set()
                release_first.wait()
        except Exception as exc:
            errors.append(exc)
        finally:
            first_recorded.set()
            connection.close()

    def second_writer():
        first_recorded.wait()
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    # were the first writer's open transaction holding a row this append needs, this would fail
                    cursor.execute("SET LOCAL lock_timeout = '5s'")
                _append("second")
            second_committed.set()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    first = threading.Thread(target=first_writer)
    second = threading.Thread(target=second_writer)
    first.start()
    second.start()
    second.join()
    committed_while_first_open = second_committed.is_set() and first.is_alive()
    release_first.set()
    first.join()

    assert errors == []
    assert committed_while_first_open
    assert sorted(AuditEvent.objects.values_list("object_id", flat=True)) == ["first", "second"]
