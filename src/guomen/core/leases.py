"""Jobs that survive a crashed worker.

Each `guomen worker` holds a lease (WorkerLease) that its heartbeat thread renews every HEARTBEAT seconds. A task
the database backend marked running is owned by the worker that claimed it last; once that worker's lease is
older than LEASE seconds, any live worker takes the task over: it is queued once more (tasks are idempotent: they
load by id and a repeated run does nothing twice) or, when it was already taken over once, marked failed with the
reason, and whatever the task was working for (a JobRun, a document being indexed) says so. A handler for that
last step is registered with @on_worker_lost next to the task.
"""

import inspect
import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import JobRun, WorkerLease
from .tasks import job_finish

logger = logging.getLogger("guomen.worker")

MAX_ATTEMPTS = 2  # the first run and one takeover
LOST_HANDLERS: dict[str, Callable[..., None]] = {}


def heartbeat_seconds() -> float:
    return float(getattr(settings, "GUOMEN_WORKER_HEARTBEAT_SECONDS", 10))


def lease_seconds() -> float:
    return float(getattr(settings, "GUOMEN_WORKER_LEASE_SECONDS", 30))


def on_worker_lost(task_path: str):
    """Register `handler(reason=..., **task_arguments)`, called when the task is failed for a lost worker."""

    def register(handler):
        LOST_HANDLERS[task_path] = handler
        return handler

    return register


def lease_take(worker_id: str) -> WorkerLease:
    lease, _created = WorkerLease.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "heartbeat_at": timezone.now()},
    )
    return lease


def lease_renew(worker_id: str) -> None:
    if not WorkerLease.objects.filter(worker_id=worker_id).update(heartbeat_at=timezone.now()):
        lease_take(worker_id)


def lease_release(worker_id: str) -> None:
    WorkerLease.objects.filter(worker_id=worker_id).delete()


def _arguments(db_task) -> dict:
    args = db_task.args_kwargs.get("args", []) if isinstance(db_task.args_kwargs, dict) else []
    kwargs = db_task.args_kwargs.get("kwargs", {}) if isinstance(db_task.args_kwargs, dict) else {}
    try:
        func = db_task.task.func
        return dict(inspect.signature(func).bind(*args, **kwargs).arguments)
    except Exception:
        return dict(kwargs)


def _report_lost(db_task, reason: str) -> None:
    arguments = _arguments(db_task)
    job_id = arguments.get("job_id")
    if (
        job_id is not None
        and JobRun.objects.filter(
            pk=job_id, status__in=[JobRun.Status.QUEUED, JobRun.Status.RUNNING]
        ).exists()
    ):
        job_finish(job_id, ok=False, result={"error": reason}, line=reason)
    module = db_task.task_path.rpartition(".")[0]
    try:
        import_module(module)  # registers the task's handler
    except ImportError:
        return
    handler = LOST_HANDLERS.get(db_task.task_path)
    if handler is not None:
        try:
            handler(reason=reason, **arguments)
        except Exception:
            logger.exception("the handler for lost task %s failed", db_task.id)


def reap(now=None) -> dict:
    """Take over the tasks of workers whose lease ran out. Returns {"requeued": n, "failed": n}."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale = set(
        WorkerLease.objects.filter(heartbeat_at__lt=now - timedelta(seconds=lease_seconds())).values_list(
            "worker_id", flat=True
        )
    )
    done = {"requeued": 0, "failed": 0}
    if not stale:
        return done
    for db_task in DBTaskResult.objects.filter(status="RUNNING"):
        if not db_task.worker_ids or db_task.worker_ids[-1] not in stale:
            continue
        with transaction.atomic():
            if len(db_task.worker_ids) < MAX_ATTEMPTS:
                changed = DBTaskResult.objects.filter(pk=db_task.pk, status="RUNNING").update(
                    status="READY", started_at=None
                )
                done["requeued"] += changed
                if changed:
                    logger.warning(_("Task %s lost its worker; it runs once more."), db_task.pk)
                continue
            reason = _(
                "The worker running this job stopped (killed or crashed) twice; the job was stopped. "
                "Start it again."
            )
            changed = DBTaskResult.objects.filter(pk=db_task.pk, status="RUNNING").update(
                status="FAILED",
                finished_at=now,
                exception_class_path="guomen.core.leases.WorkerLost",
                traceback=reason,
            )
            if changed:
                done["failed"] += 1
                _report_lost(db_task, reason)
    WorkerLease.objects.filter(worker_id__in=stale).delete()
    return done


class Heartbeat(threading.Thread):
    """The worker's daemon thread: renews the lease, and takes over the tasks of dead workers."""

    def __init__(self, worker_id: str):
        super().__init__(name="guomen-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(heartbeat_seconds()):
            self.beat()

    def beat(self) -> None:
        try:
            close_old_connections()
            lease_renew(self.worker_id)
            taken = reap()
            if taken["requeued"] or taken["failed"]:
                logger.warning(
                    _("Took over tasks of stopped workers: %(r)d queued again, %(f)d failed."),
                    {"r": taken["requeued"], "f": taken["failed"]},
                )
        except Exception:  # the heartbeat must outlive a passing database error
            logger.exception("worker heartbeat failed")
        finally:
            close_old_connections()
