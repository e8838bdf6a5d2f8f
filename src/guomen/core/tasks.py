"""Helpers for background work: a task updates its JobRun so the UI can show progress."""

from django.utils import timezone
from django_tasks import task

from .models import JobRun


def job_progress(job_id: int, *, progress: int, line: str = "") -> None:
    job = JobRun.objects.get(pk=job_id)
    job.status = JobRun.Status.RUNNING
    job.progress = max(0, min(100, progress))
    if line:
        job.log = (job.log + line + "\n")[-20000:]
    job.save(update_fields=["status", "progress", "log"])


def job_finish(job_id: int, *, ok: bool, result: dict | None = None, line: str = "") -> None:
    job = JobRun.objects.get(pk=job_id)
    job.status = JobRun.Status.SUCCEEDED if ok else JobRun.Status.FAILED
    job.progress = 100 if ok else job.progress
    job.result = result
    if line:
        job.log = (job.log + line + "\n")[-20000:]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "result", "log", "finished_at"])


@task()
def audit_seal_task() -> dict:
    """Seal the audit events recorded since the last run and sign a checkpoint (every minute by default)."""
    from .audit import audit_seal_all

    return {"checkpoints": audit_seal_all()}
