"""Complaint reads: staff lists (scoped to the unit), the public tracking view, the feedback rate."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from ninja import Field

from guomen.accounts.models import OrgUnit, User
from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet
from guomen.core.permissions import can, require, restrict

from .choices import OPEN_STATUSES, ComplaintStatus
from .models import Complaint
from .workdays import reminder_days, working_days_between

TRACKING_CODE = re.compile(r"^TS[A-Z2-9]{10}$")


class ComplaintFilters(FilterSet):
    """The complaint list's filters: the page (complaints:list) and GET /api/v1/complaints."""

    status: str = ""
    category: str = ""
    flag: str = Field("", description='"overdue" or "due_soon": open complaints by deadline')
    q: str = Field("", max_length=200)
    mine: bool = Field(False, description="Only those assigned to me")


def complaint_list(
    *, user, filters: ComplaintFilters | None = None, today: dt.date | None = None, **given
) -> QuerySet:
    """Complaints of the user's unit and below; flag "overdue" or "due_soon" picks open ones by deadline."""
    f = filters or ComplaintFilters(**given)
    status, category, flag, q, mine = f.status, f.category, f.flag, f.q, f.mine
    today = today or timezone.localdate()
    qs = restrict(Complaint.objects.all(), user, "complaint.view").select_related(
        "org", "assignee", "enterprise"
    )
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if mine:
        qs = qs.filter(assignee=user)
    if flag == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    elif flag == "due_soon":
        horizon = today + dt.timedelta(days=reminder_days() + 4)
        qs = qs.filter(status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=horizon)
        ids = [c.pk for c in qs if working_days_between(today, c.due_on) <= reminder_days()]
        qs = qs.filter(pk__in=ids)
    if q:
        qs = qs.filter(
            Q(tracking_code__iexact=q.strip())
            | Q(product__icontains=q)
            | Q(enterprise_name__icontains=q)
            | Q(description__icontains=q)
        )
    return qs.order_by("due_on", "-id") if flag else qs.order_by("-received_at", "-id")


def complaint_get(*, user, pk: int) -> Complaint:
    require(user, "complaint.view")
    found = (
        complaint_list(user=user)
        .prefetch_related("photos")
        .select_related("enterprise")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def assignable_users(*, org: OrgUnit) -> QuerySet:
    staff = User.objects.filter(is_active=True, org__path__startswith=org.path).select_related("org")
    return staff.filter(pk__in=[u.pk for u in staff if can(u, "complaint.reply")]).order_by("username")


def triage_units(*, user) -> QuerySet:
    return restrict(OrgUnit.objects.all(), user, "complaint.triage").order_by("path")


@dataclass(frozen=True)
class TrackingView:
    """What the complainant may see: no names, no contacts, no staff identities."""

    tracking_code: str
    kind: str
    product: str
    status: str
    status_label: str
    received_on: dt.date
    due_on: dt.date
    unit: str
    reply: str
    replied_on: dt.date | None
    outcome_label: str
    closed_on: dt.date | None


def complaint_track(*, code: str) -> TrackingView:
    code = (code or "").strip().upper().replace(" ", "").replace("-", "")
    complaint = None
    if TRACKING_CODE.match(code):
        complaint = Complaint.objects.select_related("org").filter(tracking_code=code).first()
    if complaint is None:
        raise NotFound()
    shows_reply = complaint.status in (ComplaintStatus.REPLIED, ComplaintStatus.CLOSED)
    return TrackingView(
        tracking_code=complaint.tracking_code,
        kind=complaint.get_kind_display(),
        product=complaint.product,
        status=complaint.status,
        status_label=complaint.get_status_display(),
        received_on=timezone.localdate(complaint.received_at),
        due_on=complaint.due_on,
        unit=complaint.org.name,
        reply=complaint.reply if shows_reply else "",
        replied_on=timezone.localdate(complaint.replied_at) if complaint.replied_at else None,
        outcome_label=complaint.get_outcome_display() if complaint.outcome else "",
        closed_on=timezone.localdate(complaint.closed_at) if complaint.closed_at else None,
    )


def feedback_rate(*, start: dt.date, end: dt.date, org: OrgUnit | None = None) -> tuple[int, int]:
    """Complaint-feedback rate for reports: (replied by the deadline, received) in [start, end].

    Received counts complaints whose receipt date falls in the period (in the unit and below
    when `org` is given); replied on time counts those of them replied no later than their due date.
    """
    qs = Complaint.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    denominator = qs.count()
    numerator = sum(
        1
        for replied_at, due_on in qs.filter(replied_at__isnull=False).values_list("replied_at", "due_on")
        if timezone.localdate(replied_at) <= due_on
    )
    return numerator, denominator


@dataclass(frozen=True)
class FeedbackCounts:
    received: int  # complaints received in the period
    answered: int  # of them, answered by the end of the period (社会投诉反馈率)
    on_time: int  # of them, replied to no later than their due date (投诉处理及时率)


def feedback_counts(*, start: dt.date, end: dt.date, org: OrgUnit | None = None) -> FeedbackCounts:
    """Complaints received in [start, end] (in the unit and below), those answered by the end of `end` and
    those replied to by their deadline — a past period keeps the figure it had when it ended."""
    qs = Complaint.objects.filter(received_at__date__gte=start, received_at__date__lte=end)
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    received = answered = on_time = 0
    for replied_at, due_on in qs.values_list("replied_at", "due_on"):
        received += 1
        if replied_at is None:
            continue
        replied_on = timezone.localdate(replied_at)
        answered += replied_on <= end
        on_time += replied_on <= due_on
    return FeedbackCounts(received=received, answered=answered, on_time=on_time)


def inspection_agencies() -> QuerySet:
    """The inspection agencies on file a member of the public may name in a complaint (names are public)."""
    from guomen.registry.choices import EnterpriseKind
    from guomen.registry.models import Enterprise

    return Enterprise.objects.filter(kind=EnterpriseKind.INSPECTION_AGENCY).order_by("name_zh", "id")


def agency_named(uscc: str, field: str = "agency"):
    """The inspection agency a public payload names by its unified social credit code (None when not named)."""
    code = str(uscc or "").strip().upper()
    if not code:
        return None
    found = inspection_agencies().filter(uscc=code).first()
    if found is None:
        from django.utils.translation import gettext as _

        from guomen.core.errors import ValidationFailed

        raise ValidationFailed(fields={field: [_("Choose an inspection agency on file.")]})
    return found


def agency_complaints(*, user, enterprise) -> QuerySet:
    """Complaints naming the enterprise (an inspection agency) that the user may see, newest first."""
    qs = restrict(Complaint.objects.filter(enterprise=enterprise), user, "complaint.view")
    return qs.select_related("org").order_by("-received_at", "-id")
