"""Background tasks: thin wrappers that load by id and call the service."""

from django_tasks import task

from . import services


@task()
def quality_report_task(job_id: int, user_id: int, org_id: int, period: str, fmt: str) -> None:
    services.quality_report_run(job_id=job_id, user_id=user_id, org_id=org_id, period=period, fmt=fmt)


@task()
def monthly_reports_task() -> None:
    services.monthly_reports_run()


@task()
def rollup_nightly_task() -> None:
    services.rollup_nightly_run()


@task()
def reports_schedule_task() -> dict:
    """Keep the reports' own chain queued: the nightly rollup (01:00) and the monthly reports (02:00 on the 1st).
    Each run re-queues the next one; this puts back a link lost to a failed run or a fresh install."""
    return {"monthly": services.schedule_monthly(), "nightly": services.schedule_nightly()}
