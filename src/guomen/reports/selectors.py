"""Reads of the reports app that are not figures: generated reports, report jobs, drill-down records."""

from django.db.models import Q

from guomen.accounts.choices import OrgKind
from guomen.accounts.models import OrgUnit
from guomen.catalog.models import CommodityGroup
from guomen.core.errors import NotFound
from guomen.core.models import JobRun
from guomen.core.permissions import require, restrict

from . import scope
from .models import QualityReport
from .services import JOB_KIND


def quality_report_list(*, user):
    require(user, "report.generate")
    return restrict(QualityReport.objects.select_related("org", "created_by"), user, "report.generate")


def quality_report_get(*, user, pk: int) -> QualityReport:
    found = quality_report_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def report_job_get(*, user, pk: int) -> JobRun:
    """A report job the user asked for (administrators may follow any)."""
    require(user, "report.generate")
    jobs = JobRun.objects.filter(pk=pk, kind=JOB_KIND)
    if not user.is_superuser:
        jobs = jobs.filter(Q(created_by=user))
    job = jobs.first()
    if job is None:
        raise NotFound()
    return job


def units_in_scope(*, user, kinds=None):
    """Units the user may choose as a jurisdiction or port in filters."""
    qs = (
        OrgUnit.objects.all()
        if user.is_superuser or not user.org_id
        else OrgUnit.objects.filter(path__startswith=user.org.path)
    )
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.order_by("path")


def filter_choices(*, user) -> dict:
    return {
        "orgs": units_in_scope(
            user=user, kinds=[OrgKind.GENERAL_BUREAU, OrgKind.BRANCH_BUREAU, OrgKind.PORT]
        ),
        "ports": units_in_scope(user=user, kinds=[OrgKind.PORT]),
        "groups": CommodityGroup.objects.order_by("code"),
    }


def drill_records(f):
    """The inspection tasks behind a figure, newest first."""
    return (
        scope.tasks(f)
        .select_related("declaration", "declaration__origin_country", "declaration__declarant", "port")
        .order_by("-due_date", "-pk")
    )
