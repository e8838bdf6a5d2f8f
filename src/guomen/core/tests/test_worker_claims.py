"""Several `guomen worker` processes on one PostgreSQL database never take the same task (SKIP LOCKED claims)."""

import threading

import pytest
from django.db import connection
from django.test import override_settings
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time"),
]


@task()
def claim_probe() -> None:
    """A task that is only queued here, never run."""


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_two_workers_claiming_at_once_take_different_tasks():
    claim_probe.enqueue()
    claim_probe.enqueue()
    first_holds = threading.Event()
    release = threading.Event()
    claimed: list[str] = []

    def first_worker():
        try:
            with exclusive_transaction():
                claimed.append(str(DBTaskResult.objects.ready().get_locked().id))
                first_holds.set()
                release.wait()
        finally:
            first_holds.set()
            connection.close()

    def second_worker():
        first_holds.wait()
        try:
            with exclusive_transaction():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '5s'")
                task_result = DBTaskResult.objects.ready().get_locked()
                claimed.append(str(task_result.id) if task_result else "")
        finally:
            connection.close()

    first = threading.Thread(target=first_worker)
    second = threading.Thread(target=second_worker)
    first.start()
    second.start()
    second.join()
    release.set()
    first.join()

    assert len(claimed) == 2 and all(claimed)
    assert claimed[0] != claimed[1]
