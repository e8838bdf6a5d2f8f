"""Risk reads: scoped lists for staff, counts for targeting, the public consumer warnings for the portal."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from ninja import Field

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can, restrict

from .choices import ClusterStatus, MappingKind, MeasureKind, MeasureStatus, WarningStatus
from .clustering import window_days
from .inbox import ancestor_paths
from .models import (
    Assessment,
    CommodityMapping,
    EarlyWarning,
    ForeignNotification,
    InboxMessage,
    Measure,
    RiskCluster,
    RiskSignal,
)

SIGNAL_RELATED = ("hazard", "origin", "commodity_group", "enterprise", "production_base", "org", "cluster")


class SignalFilters(FilterSet):
    """The risk-signal list's filters: the page (risk:signal_list), GET /api/v1/risk/signals and the dashboard."""

    source: str = ""
    q: str = Field("", max_length=200)
    date_from: dt.date | None = Field(None, alias="from")
    date_to: dt.date | None = Field(None, alias="to")
    org: str = ""
    hazard: int | None = Field(None, ge=1, le=2**31 - 1)
    origin: str = Field("", max_length=3)
    group: str = ""


def signal_list(*, user, filters: SignalFilters | None = None, **given) -> QuerySet:
    """Risk signals the user may see, newest first; `filters` (or its fields as keywords) narrow the list."""
    f = filters or SignalFilters(**given)
    qs = restrict(RiskSignal.objects.all(), user, "risk.view").select_related(*SIGNAL_RELATED)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(description__icontains=f.q) | Q(source_ref=f.q))
    if f.date_from:
        qs = qs.filter(occurred_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(occurred_on__lte=f.date_to)
    if f.org:
        qs = qs.filter(org__path__contains=f"/{f.org}/")
    if f.hazard:
        qs = qs.filter(hazard_id=f.hazard)
    if f.origin:
        qs = qs.filter(origin_id=f.origin.upper())
    if f.group:
        qs = qs.filter(commodity_group_id=f.group)
    return qs.order_by("-occurred_on", "-id")


def _get(qs: QuerySet, pk):
    found = qs.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def signal_get(*, user, pk: int) -> RiskSignal:
    return _get(signal_list(user=user), pk)


CLUSTER_STATES = ["open", "closed", "all"]


class ClusterFilters(FilterSet):
    """The signal-cluster list's filters: the page (risk:cluster_list), its export and GET /api/v1/risk/clusters."""

    status: one_of(
        CLUSTER_STATES,
        "open: open and seen within the recurrence window; closed: closed or lapsed; all: both",
    ) = "open"


def cluster_list(*, user, filters: ClusterFilters | None = None, today=None, **given) -> QuerySet:
    """Clusters; "open" means open and still inside the recurrence window (a quiet cluster lapses)."""
    status = (filters or ClusterFilters(**given)).status
    qs = restrict(RiskCluster.objects.all(), user, "risk.view").select_related(
        "hazard", "origin", "commodity_group", "enterprise", "production_base", "org"
    )
    today = today or timezone.localdate()
    recent = Q(status=ClusterStatus.OPEN, last_seen__gte=today - dt.timedelta(days=window_days()))
    if status == "open":
        qs = qs.filter(recent)
    elif status == "closed":
        qs = qs.exclude(recent)
    return qs.order_by("-signal_count", "-last_seen", "-id")


def cluster_get(*, user, pk: int) -> RiskCluster:
    return _get(cluster_list(user=user, status="all"), pk)


def cluster_history(*, cluster: RiskCluster) -> dict:
    signals = list(cluster.signals.select_related(*SIGNAL_RELATED).order_by("occurred_on", "id"))
    by_source: dict[str, int] = {}
    by_month: dict[str, int] = {}
    for s in signals:
        by_source[s.get_source_display()] = by_source.get(s.get_source_display(), 0) + 1
        by_month[f"{s.occurred_on:%Y-%m}"] = by_month.get(f"{s.occurred_on:%Y-%m}", 0) + 1
    return {"signals": signals, "by_source": by_source, "by_month": by_month}


def assessment_list(*, user) -> QuerySet:
    return restrict(Assessment.objects.all(), user, "risk.view").select_related(
        "cluster__hazard", "signal", "assessed_by", "org"
    )


def assessment_get(*, user, pk: int) -> Assessment:
    return _get(assessment_list(user=user), pk)


class WarningFilters(FilterSet):
    """The early-warning list's filters: the page (risk:warning_list), its export and GET /api/v1/risk/warnings."""

    status: one_of(WarningStatus, "Where the warning stands") = ""
    q: str = Field("", max_length=200, description="Number, title or text (part of it)")


def warning_list(*, user, filters: WarningFilters | None = None, **given) -> QuerySet:
    """Warnings issued in the user's jurisdiction, and published warnings addressed to their unit or above."""
    f = filters or WarningFilters(**given)
    if not can(user, "risk.view"):
        return EarlyWarning.objects.none()
    qs = EarlyWarning.objects.all()
    if not user.is_superuser:
        if not user.org_id:
            return EarlyWarning.objects.none()
        addressed = EarlyWarning.objects.filter(
            Q(addressees__path__in=ancestor_paths(user.org.path))
            | Q(addressees__path__startswith=user.org.path),
            status__in=[WarningStatus.PUBLISHED, WarningStatus.CLOSED],
        ).values("pk")
        qs = qs.filter(Q(org__path__startswith=user.org.path) | Q(pk__in=addressed))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(number__icontains=f.q) | Q(body__icontains=f.q))
    return qs.select_related("org", "hazard", "origin", "commodity_group", "follow_up_of").order_by("-id")


def warning_get(*, user, pk: int) -> EarlyWarning:
    return _get(warning_list(user=user), pk)


def measure_list(*, user, due_before=None, open_only: bool = False) -> QuerySet:
    qs = Measure.objects.filter(warning__in=warning_list(user=user).values("pk")).select_related(
        "warning", "owner", "enterprise", "production_base", "origin", "commodity_group"
    )
    if open_only:
        qs = qs.filter(status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_FORCE])
    if due_before:
        qs = qs.filter(deadline__lte=due_before)
    return qs.order_by("deadline", "id")


def measure_get(*, user, pk: int) -> Measure:
    return _get(measure_list(user=user), pk)


def public_consumer_warnings(*, today: dt.date | None = None) -> list[dict]:
    """Consumer warnings on the public portal now: published, in force, inside their period; public fields only.

    A warning is withdrawn on its `public_until` date even before the daily task marks it lifted.
    """
    today = today or timezone.localdate()
    rows = (
        Measure.objects.filter(
            kind=MeasureKind.CONSUMER_WARNING,
            status=MeasureStatus.IN_FORCE,
            warning__status=WarningStatus.PUBLISHED,
            public_from__lte=today,
            public_until__gt=today,
        )
        .select_related("warning", "commodity_group", "origin", "warning__hazard")
        .order_by("-public_from", "-id")
    )
    return [
        {
            "id": m.pk,
            "number": m.warning.number,
            "title": m.public_title,
            "text": m.public_text,
            "commodity": m.commodity_group.display_name if m.commodity_group_id else "",
            "origin": m.origin.display_name if m.origin_id else "",
            "hazard": m.warning.hazard.display_name if m.warning.hazard_id else "",
            "published_on": m.public_from,
            "until": m.public_until,
        }
        for m in rows
    ]


def foreign_notification_counts(*, since) -> dict[tuple[str, str], int]:
    """Foreign notifications since a date per (origin country code, commodity group code) — a targeting feature."""
    if isinstance(since, dt.date) and not isinstance(since, dt.datetime):
        since = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    link = ForeignNotification.origins.through
    rows = (
        link.objects.filter(
            foreignnotification__notified_at__gte=since, foreignnotification__commodity_group__isnull=False
        )
        .values_list("country_id", "foreignnotification__commodity_group_id")
        .annotate(n=Count("id"))
    )
    return {(origin, group): n for origin, group, n in rows}


def foreign_notification_list(*, user, q: str = "", classification: str = "", origin: str = "") -> QuerySet:
    if not can(user, "risk.view"):
        return ForeignNotification.objects.none()
    qs = ForeignNotification.objects.select_related("commodity_group").prefetch_related("origins", "hazards")
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(reference=q) | Q(hazards_text__icontains=q))
    if classification:
        qs = qs.filter(classification=classification)
    if origin:
        qs = qs.filter(origins__code=origin)
    return qs.order_by("-notified_at", "-id")


def foreign_notification_get(*, user, pk: int) -> ForeignNotification:
    return _get(foreign_notification_list(user=user), pk)


def mapping_list(*, user, kind: str = "", unreviewed: bool = False) -> QuerySet:
    if not can(user, "risk.view"):
        return CommodityMapping.objects.none()
    qs = CommodityMapping.objects.select_related("commodity_group")
    if kind in MappingKind.values:
        qs = qs.filter(kind=kind)
    if unreviewed:
        qs = qs.filter(reviewed=False)
    return qs.order_by("kind", "text")


def inbox_list(*, user) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return InboxMessage.objects.none()
    return InboxMessage.objects.filter(recipient=user).order_by("-updated_at", "-id")


def inbox_unread_count(*, user) -> int:
    return inbox_list(user=user).filter(read_at=None).count()


# --- work queues and four-eyes approvals for the home page (core.work) ------------------------------------


def clusters_to_assess(user) -> int:
    """待研判: recurring signal clusters of my jurisdiction that nobody has assessed yet."""
    return cluster_list(user=user, status="open").filter(assessments=None).count()


def warnings_to_validate(user) -> int:
    """待验证: draft warnings of my jurisdiction waiting for a supervisor's validation."""
    if not can(user, "risk.view"):
        return 0
    return restrict(EarlyWarning.objects.all(), user, "risk.view").filter(status=WarningStatus.DRAFT).count()


def unread_messages(user) -> int:
    return inbox_unread_count(user=user)


def approvals_waiting(user) -> list:
    """Warnings to validate or publish and consumer warnings to put on the portal, proposed by someone else."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from guomen.core.work import Approval

    if not can(user, "risk.approve"):
        return []
    issued = restrict(EarlyWarning.objects.all(), user, "risk.approve").select_related("drafted_by")
    mine_consumer = Measure.objects.filter(
        kind=MeasureKind.CONSUMER_WARNING, status=MeasureStatus.PLANNED, proposed_by=user
    ).values("warning_id")
    to_validate = issued.filter(status=WarningStatus.DRAFT).exclude(drafted_by=user)
    to_publish = (
        issued.filter(status=WarningStatus.VALIDATED)
        .exclude(drafted_by=user)
        .exclude(validated_by=user)
        .exclude(pk__in=mine_consumer)
    )
    notices = (
        Measure.objects.filter(warning__in=issued.filter(status=WarningStatus.PUBLISHED).values("pk"))
        .filter(kind=MeasureKind.CONSUMER_WARNING, status=MeasureStatus.PLANNED)
        .exclude(proposed_by=user)
        .select_related("warning", "proposed_by")
    )
    rows = [
        Approval(
            _("Early warning to validate"),
            w.title,
            reverse("risk:warning_detail", args=[w.pk]),
            str(w.drafted_by or ""),
        )
        for w in to_validate.order_by("created_at", "id")
    ]
    rows += [
        Approval(
            _("Early warning to publish"),
            w.title,
            reverse("risk:warning_detail", args=[w.pk]),
            str(w.drafted_by or ""),
        )
        for w in to_publish.order_by("created_at", "id")
    ]
    rows += [
        Approval(
            _("Consumer warning to put on the portal"),
            m.public_title,
            reverse("risk:warning_detail", args=[m.warning_id]),
            str(m.proposed_by or ""),
        )
        for m in notices.order_by("id")
    ]
    return rows
