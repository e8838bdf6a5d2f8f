"""Trace-back reads, always through restrict(): notifications (every bureau unit), candidates and cases (the
unit of the export and above). Enterprises have no trace-back action, so they read none of it."""

from typing import Annotated

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from guomen.accounts.models import OrgUnit
from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can, require, restrict
from guomen.reports.periods import Period

from .choices import CaseStatus, NotificationStatus, TaskStatus
from .models import CaseTask, MatchCandidate, TraceCase, TraceNotification

VIEW = "traceback.view"
QUEUES = {
    "pending": NotificationStatus.PENDING,
    "unmatched": NotificationStatus.UNMATCHED,
    "confirmed": NotificationStatus.CONFIRMED,
}


def candidates_visible(user) -> QuerySet:
    return restrict(MatchCandidate.objects.all(), user, VIEW)


class NotificationFilters(FilterSet):
    """The foreign notification queue's filters: the page (tracebacks:queue), its export and
    GET /api/v1/tracebacks/notifications."""

    queue: one_of(
        [*QUEUES, "all"], "Which queue: awaiting a decision (pending), unmatched, match confirmed, or all"
    ) = "pending"
    q: str = Field("", max_length=60, description="Notification reference, subject or product (part of it)")
    mine: bool = Field(False, description="Only notifications with a candidate in the caller's jurisdiction")


def notification_list(user, *, filters: NotificationFilters | None = None, **given) -> QuerySet:
    """The queue: pending (candidates waiting for a decision), unmatched (never dropped), confirmed or all. With
    `mine`, only notifications with a candidate in the user's jurisdiction. `filters` (or its fields as keywords)
    choose them."""
    f = filters or NotificationFilters(**given)
    require(user, VIEW)
    qs = restrict(TraceNotification.objects.all(), user, VIEW).select_related(
        "commodity_group", "notifying_country"
    )
    if f.queue in QUEUES:
        qs = qs.filter(status=QUEUES[f.queue])
    if f.q:
        qs = qs.filter(Q(reference__icontains=f.q) | Q(subject__icontains=f.q) | Q(product__icontains=f.q))
    visible = candidates_visible(user).filter(notification_id=OuterRef("pk"))
    qs = qs.annotate(here=Exists(visible))
    if f.mine:
        qs = qs.filter(here=True)
    return qs.annotate(n_candidates=Count("candidates", distinct=True)).order_by("-notified_on", "-id")


def notification_get(user, pk) -> TraceNotification:
    require(user, VIEW)
    try:
        return restrict(TraceNotification.objects.all(), user, VIEW).select_related("foreign").get(pk=int(pk))
    except (TraceNotification.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such notification.")) from None


def notification_candidates(user, notification) -> tuple[list[MatchCandidate], int]:
    """The candidates the user may see (their jurisdiction), best first, and how many others lie elsewhere."""
    mine = list(
        candidates_visible(user)
        .filter(notification=notification)
        .select_related("enterprise", "declaration", "org")
        .order_by("-score", "id")
    )
    total = notification.candidates.count()
    return mine, total - len(mine)


def candidate_get(user, notification, pk) -> MatchCandidate:
    try:
        return candidates_visible(user).select_related("org").get(notification=notification, pk=int(pk))
    except (MatchCandidate.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such candidate in your jurisdiction.")) from None


def notification_case(user, notification) -> TraceCase | None:
    return restrict(TraceCase.objects.filter(notification=notification), user, VIEW).first()


def _month(value: str) -> str:
    """A month as YYYY-MM (the period of the KPI behind the list), refused by name otherwise."""
    if value:
        try:
            Period.parse(value)
        except ValidationFailed as exc:
            raise PydanticCustomError("month", " ".join(exc.fields["period"])) from None
    return value


class CaseFilters(FilterSet):
    """The trace-back case list's filters: the page (tracebacks:cases), its export and GET
    /api/v1/tracebacks/cases. The KPI card 境外通报率 links to it with its period and unit."""

    status: one_of(CaseStatus, "Where the case stands") = ""
    mine: bool = Field(False, description="Only cases with an open investigation task given to the caller")
    period: Annotated[str, AfterValidator(_month)] = Field(
        "", max_length=7, description="Only cases of notifications of this month (YYYY-MM)"
    )
    org: str = Field("", max_length=20, description="Code of a unit: only cases of that unit and below")


def case_list(user, *, filters: CaseFilters | None = None, **given) -> QuerySet:
    """The cases of the user's jurisdiction, newest notification first; `filters` (or its fields as keywords)
    choose them."""
    f = filters or CaseFilters(**given)
    require(user, VIEW)
    qs = restrict(TraceCase.objects.all(), user, VIEW).select_related("notification", "enterprise", "org")
    if f.status:
        qs = qs.filter(status=f.status)
    if f.mine:
        qs = qs.filter(tasks__assignee=user, tasks__status=TaskStatus.OPEN).distinct()
    if f.period:
        period = Period.parse(f.period)
        qs = qs.filter(notification__notified_on__gte=period.start, notification__notified_on__lt=period.end)
    if f.org:
        unit = OrgUnit.objects.filter(code=f.org).first()
        qs = qs.filter(org__path__startswith=unit.path) if unit is not None else qs.none()
    return qs.order_by("-notification__notified_on", "-id")


def case_get(user, number: str) -> TraceCase:
    require(user, VIEW)
    case = (
        restrict(TraceCase.objects.all(), user, VIEW)
        .select_related("notification", "enterprise", "declaration", "org", "rectification", "credit_event")
        .filter(number=str(number))
        .first()
    )
    if case is None:
        raise NotFound(_("No such trace-back case."))
    return case


def case_tasks(case) -> list[CaseTask]:
    return list(case.tasks.select_related("assignee").order_by("due_date", "id"))


def task_get(user, pk) -> CaseTask:
    try:
        return restrict(CaseTask.objects.all(), user, VIEW).select_related("case__org").get(pk=int(pk))
    except (CaseTask.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such task.")) from None


def to_decide_count(user) -> int:
    if not can(user, "traceback.decide"):
        return 0
    return notification_list(user, queue="pending", mine=True).count()


def my_open_tasks_count(user) -> int:
    if not can(user, VIEW):
        return 0
    return restrict(CaseTask.objects.filter(assignee=user, status=TaskStatus.OPEN), user, VIEW).count()


def status_counts(user) -> dict[str, int]:
    qs = restrict(TraceNotification.objects.all(), user, VIEW)
    return dict(qs.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))


def confirmed_notifications(path: str, *, enterprise=None) -> QuerySet:
    """Notifications traced back to an exporter of the unit at `path` or below (the numerator of 境外通报率).
    The caller (reports) has already checked the user's right to the jurisdiction."""
    qs = TraceNotification.objects.filter(
        status=NotificationStatus.CONFIRMED, attributed_org__path__startswith=path
    )
    if enterprise is not None:
        qs = qs.filter(case__enterprise=enterprise)
    return qs
