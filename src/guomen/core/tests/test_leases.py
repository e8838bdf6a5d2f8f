"""Jobs survive a crashed worker: its lease runs out and another worker runs the job once more, or fails it with
the reason."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from guomen.core.leases import lease_take, reap
from guomen.core.models import JobRun, WorkerLease

SLOW = "guomen.core.tests.slow_tasks.slow_job"


def _queued(job, hold="/nonexistent", *, status="READY", worker_ids=()):
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [job.pk, str(hold)], "kwargs": {}},
        task_path=SLOW,
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        priority=0,
        worker_ids=list(worker_ids),
        exception_class_path="",
        traceback="",
    )


def _dead_worker(worker_id="dead-worker"):
    lease_take(worker_id)
    WorkerLease.objects.filter(worker_id=worker_id).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=5)
    )
    return worker_id


@pytest.mark.django_db
def test_a_task_of_a_dead_worker_is_queued_once_more():
    job = JobRun.objects.create(kind="test", status=JobRun.Status.RUNNING, progress=50)
    task = _queued(job, status="RUNNING", worker_ids=[_dead_worker()])
    assert reap() == {"requeued": 1, "failed": 0}
    task.refresh_from_db()
    assert task.status == "READY"
    assert not WorkerLease.objects.exists()


@pytest.mark.django_db
def test_a_task_whose_worker_died_twice_fails_with_the_reason():
    job = JobRun.objects.create(kind="test", status=JobRun.Status.RUNNING, progress=50)
    task = _queued(job, status="RUNNING", worker_ids=["first", _dead_worker()])
    assert reap()["failed"] == 1
    task.refresh_from_db()
    job.refresh_from_db()
    assert task.status == "FAILED"
    assert job.status == JobRun.Status.FAILED and "停止" in job.log


@pytest.mark.django_db
def test_a_live_workers_task_is_left_alone():
    job = JobRun.objects.create(kind="test", status=JobRun.Status.RUNNING)
    lease_take("alive")
    task = _queued(job, status="RUNNING", worker_ids=["alive"])
    assert reap() == {"requeued": 0, "failed": 0}
    task.refresh_from_db()
    assert task.status == "RUNNING"


@pytest.mark.django_db
def test_a_document_whose_indexing_worker_died_twice_shows_the_failure(analyst):
    from guomen.documents.choices import IndexFailure, IndexState
    from guomen.documents.models import Document
    from guomen.documents.tests.factories import make_document

    doc = make_document()
    Document.objects.filter(pk=doc.pk).update(index_state=IndexState.INDEXING, index_generation=3)
    DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [doc.pk, 3], "kwargs": {}},
        task_path="guomen.documents.tasks.document_index_task",
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        priority=0,
        worker_ids=["first", _dead_worker()],
        exception_class_path="",
        traceback="",
    )
    reap()
    doc = Document.objects.get(pk=doc.pk)
    assert (doc.index_state, doc.index_error) == (IndexState.FAILED, IndexFailure.ERROR)


def _wait_for(predicate, what: str, seconds: float = 90) -> None:
    """Bounded polling (the test must end even if the worker never gets there)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _worker(env):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "guomen.manage",
            "worker",
            "--no-schedule",
            "--interval",
            "0.2",
            "--no-startup-delay",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_job_finishes_after_its_worker_is_killed_with_sigkill(tmp_path: Path):
    hold = tmp_path / "hold"
    hold.write_text("wait")
    job = JobRun.objects.create(kind="test")
    task = _queued(job, hold)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "guomen.settings.base",
        "GUOMEN_DATABASE_URL": _database_url(),
        "GUOMEN_WORKER_HEARTBEAT_SECONDS": "0.5",
        "GUOMEN_WORKER_LEASE_SECONDS": "2",
        "GUOMEN_SCHEDULE_DISABLED": "1",
    }
    first = _worker(env)
    try:
        _wait_for(lambda: JobRun.objects.get(pk=job.pk).progress == 50, "the job to reach 50 %")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert DBTaskResult.objects.get(pk=task.pk).status == "RUNNING"  # stuck, as before leases
    hold.unlink()
    second = _worker(env)
    try:
        _wait_for(
            lambda: JobRun.objects.get(pk=job.pk).status == JobRun.Status.SUCCEEDED, "the job to finish"
        )
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and len(task.worker_ids) == 2
