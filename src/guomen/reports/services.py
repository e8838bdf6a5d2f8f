"""Writes of the reports app: requesting, generating and scheduling quality-analysis reports."""

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import OrgKind
from guomen.accounts.models import OrgUnit
from guomen.core.errors import ValidationFailed
from guomen.core.files import unguessable_name
from guomen.core.models import JobRun
from guomen.core.permissions import require
from guomen.core.services import audit_record
from guomen.core.tasks import job_finish, job_progress

from . import report, scope
from .models import QualityReport, ReportFormat
from .periods import Period

log = logging.getLogger(__name__)
JOB_KIND = "reports.quality"
MONTHLY_KIND = "reports.monthly"
MONTHLY_RUN_HOUR = 2  # 02:00 on the first day of each month
NIGHTLY_RUN_HOUR = 1  # the inspection rollup is refreshed at 01:00


def system_reporter(org: OrgUnit | None):
    """The identity the command line and the monthly schedule report as: every record, limited by `org`."""
    User = get_user_model()
    return User(username="system-reports", is_superuser=True, is_active=True, org=org)


def report_filter(*, user, period: str | Period, org_code: str = ""):
    period = period if isinstance(period, Period) else Period.parse(period)
    return scope.build_filter(user, {"org": org_code}, period=period)


def check_format(fmt: str) -> str:
    if fmt not in ReportFormat.values:
        raise ValidationFailed(fields={"format": [_("Choose PDF or XLSX.")]})
    return fmt


@transaction.atomic
def quality_report_request(*, actor, period: str, org_code: str = "", fmt: str = "pdf") -> JobRun:
    """Queue a report for the actor's jurisdiction (or a unit below it); the JobRun shows its progress."""
    require(actor, "report.generate")
    check_format(fmt)
    f = report_filter(user=actor, period=period, org_code=org_code)
    if f.unit is None:
        raise ValidationFailed(fields={"org": [_("Choose a unit.")]})
    job = JobRun.objects.create(kind=JOB_KIND, created_by=actor)
    job_progress(
        job.pk,
        progress=0,
        line=_("Queued: %(org)s %(period)s") % {"org": f.unit.name, "period": f.period.key},
    )
    JobRun.objects.filter(pk=job.pk).update(status=JobRun.Status.QUEUED)
    audit_record(
        actor=actor,
        verb="report.requested",
        obj=job,
        org_path=f.unit.path,
        after={"period": f.period.key, "org": f.unit.code, "format": fmt},
    )
    from .tasks import quality_report_task

    args = (job.pk, actor.pk, f.unit.pk, f.period.key, fmt)
    transaction.on_commit(lambda: quality_report_task.enqueue(*args))
    return job


def quality_report_run(
    *, job_id: int, user_id: int | None, org_id: int, period: str, fmt: str, scheduled: bool = False
) -> QualityReport | None:
    """Generate and store one report, reporting progress on the JobRun; a failure is recorded, not raised.
    A run taken over from a worker that died after the report was stored does nothing twice."""
    if JobRun.objects.filter(pk=job_id, status=JobRun.Status.SUCCEEDED).exists():
        return QualityReport.objects.filter(job_id=job_id).first()
    try:
        org = OrgUnit.objects.get(pk=org_id)
        user = get_user_model().objects.get(pk=user_id) if user_id else system_reporter(org)
        f = report_filter(user=user, period=period, org_code=org.code)

        def progress(percent: int, line: str = "") -> None:
            job_progress(job_id, progress=percent, line=line)

        content = report.quality_report(f, fmt, progress=progress)
        with transaction.atomic():
            saved = QualityReport(
                period=f.period.key,
                org=org,
                format=fmt,
                job_id=job_id,
                scheduled=scheduled,
                created_by=user if user.pk else None,
            )
            saved.file.save(unguessable_name(saved.filename), ContentFile(content), save=False)
            saved.full_clean()
            saved.save()
            audit_record(
                actor=user,
                verb="report.generated",
                obj=saved,
                org_path=org.path,
                after={"period": saved.period, "format": fmt, "bytes": len(content)},
            )
        job_finish(
            job_id,
            ok=True,
            result={"report_id": saved.pk, "bytes": len(content)},
            line=_("Done: %(name)s") % {"name": saved.filename},
        )
        return saved
    except Exception as exc:  # the job shows why it failed; the worker stays up
        log.exception("quality report job %s failed", job_id)
        message = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
        job_finish(
            job_id, ok=False, result={"error": str(message)}, line=_("Failed: %(error)s") % {"error": message}
        )
        return None


def reporting_units() -> list[OrgUnit]:
    """The units a monthly report is sent for: the general bureau and every branch bureau."""
    return list(
        OrgUnit.objects.filter(kind__in=[OrgKind.GENERAL_BUREAU, OrgKind.BRANCH_BUREAU]).order_by("path")
    )


def next_monthly_run(now: dt.datetime | None = None) -> dt.datetime:
    now = timezone.localtime(now)
    first = Period.of(now.date()).shift(1).start
    return timezone.make_aware(dt.datetime.combine(first, dt.time(MONTHLY_RUN_HOUR)))


def monthly_reports_run(*, period: Period | None = None, fmt: str = "pdf") -> list[QualityReport]:
    """Last month's report for every reporting unit (skipping those already generated), then the next run."""
    from .rollup import rollup_refresh

    period = period or Period.current().previous()
    rollup_refresh()
    done = set(
        QualityReport.objects.filter(period=period.key, scheduled=True, format=fmt).values_list(
            "org_id", flat=True
        )
    )
    made = []
    for org in reporting_units():
        if org.pk in done:
            continue
        job = JobRun.objects.create(kind=MONTHLY_KIND)
        saved = quality_report_run(
            job_id=job.pk, user_id=None, org_id=org.pk, period=period.key, fmt=fmt, scheduled=True
        )
        if saved is not None:
            made.append(saved)
    schedule_monthly()
    return made


def next_nightly_run(now: dt.datetime | None = None) -> dt.datetime:
    now = timezone.localtime(now)
    return timezone.make_aware(
        dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(NIGHTLY_RUN_HOUR))
    )


def _queue_once(task, run_after: dt.datetime) -> bool:
    """Queue `task` to run after `run_after` unless it is already waiting (the database backend only)."""
    if not task.get_backend().supports_defer:
        return False
    try:
        from django_tasks_db.models import DBTaskResult

        if DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists():
            return True
    except (ImportError, LookupError):
        pass
    task.using(run_after=run_after).enqueue()
    return True


def schedule_monthly() -> bool:
    """Queue the next monthly run for 02:00 on the first of next month (when the task backend can defer)."""
    from .tasks import monthly_reports_task

    return _queue_once(monthly_reports_task, next_monthly_run())


def schedule_nightly() -> bool:
    """Queue the next rollup refresh for 01:00 tomorrow."""
    from .tasks import rollup_nightly_task

    return _queue_once(rollup_nightly_task, next_nightly_run())


def rollup_nightly_run() -> int:
    from .rollup import rollup_refresh

    written = rollup_refresh()
    schedule_nightly()
    return written
