"""What the enterprise workspace reads: the user's own enterprise's rows only, in a fixed number of queries.

Rectifications and applications go through `restrict()`; declarations are read as restrict() would for an
enterprise user (declarant or consignee), written out so the home can use the indexes without DISTINCT;
inspection tasks (for their documents) and samples declare no enterprise scope, so they are read here only
through the enterprise's own declarations, with the few fields the enterprise may see (number, decision or
verdict, dates) and nothing of the bureau's targeting.
"""

from django.db.models import Count, Q

from guomen.core.permissions import can, restrict
from guomen.declarations.models import Declaration
from guomen.inspections.choices import RectificationStatus, TaskStatus
from guomen.inspections.models import InspectionTask, RectificationRequest
from guomen.labs.choices import SampleStatus
from guomen.labs.models import Sample
from guomen.notifications import selectors as notifications
from guomen.supervision.models import AccessApplication, EnterpriseStanding

from .status import PLAIN, TONE, plain_status

RECENT = 10
LIST_FIELDS = ("number", "status", "direction", "arrival_date", "submitted_at", "origin_country__name_zh")


def _own(user, prefix: str = "") -> Q:
    e = user.enterprise_id
    return Q(**{f"{prefix}declarant_id": e}) | Q(**{f"{prefix}consignee_id": e})


def _sides(user, prefix: str = "") -> list[Q]:
    """The enterprise's rows as declarant, then as consignee only: two indexed lookups instead of one OR."""
    e = user.enterprise_id
    return [
        Q(**{f"{prefix}declarant_id": e}),
        Q(**{f"{prefix}consignee_id": e}) & ~Q(**{f"{prefix}declarant_id": e}),
    ]


def _newest(querysets, key, limit: int) -> list:
    rows = [row for qs in querysets for row in qs[:limit]]
    return sorted(rows, key=key, reverse=True)[:limit]


def declarations(user, *, status: str = ""):
    """The enterprise's declarations (as declarant or consignee), newest first."""
    if not can(user, "declaration.view") or not user.enterprise_id:
        return Declaration.objects.none()
    qs = Declaration.objects.filter(_own(user))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-submitted_at", "-id").only(*LIST_FIELDS).select_related("origin_country")


def recent_declarations(user, *, limit: int = RECENT) -> list:
    """The newest by arrival date, read along the (declarant, arrival_date) index."""
    if not can(user, "declaration.view") or not user.enterprise_id:
        return []
    base = (
        Declaration.objects.only(*LIST_FIELDS)
        .select_related("origin_country")
        .order_by("-arrival_date", "-id")
    )
    return _newest([base.filter(q) for q in _sides(user)], lambda d: (d.arrival_date, d.pk), limit)


def status_counts(user) -> list[dict]:
    counts: dict[str, int] = {}
    if can(user, "declaration.view") and user.enterprise_id:
        for q in _sides(user):
            for row in Declaration.objects.filter(q).order_by().values("status").annotate(n=Count("id")):
                counts[row["status"]] = counts.get(row["status"], 0) + row["n"]
    return [
        {"status": s, "label": str(label), "tone": TONE[s], "n": counts.get(s, 0)}
        for s, label in PLAIN.items()
    ]


def documents(user, *, limit: int = RECENT) -> list:
    """Closed inspections of the enterprise's newest consignments: each has its certificate or notice.

    Ordered by the consignment's arrival, so the lookup walks the (declarant, arrival_date) index and stops
    after `limit` rows whatever the enterprise's size."""
    if not user.enterprise_id:
        return []
    base = (
        InspectionTask.objects.filter(status=TaskStatus.CLOSED)
        .exclude(disposition="")
        .select_related("declaration")
        .only(
            "id",
            "disposition",
            "confirmed_at",
            "status",
            "declaration__number",
            "declaration__direction",
            "declaration__arrival_date",
        )
        .order_by("-declaration__arrival_date", "-id")
    )
    key = lambda t: (t.declaration.arrival_date, t.pk)  # noqa: E731
    return _newest([base.filter(q) for q in _sides(user, "declaration__")], key, limit)


def document_task(user, pk: int):
    """The closed task of one of the enterprise's declarations, for its document; None otherwise."""
    if not user.enterprise_id:
        return None
    return (
        InspectionTask.objects.filter(_own(user, "declaration__"), pk=pk, status=TaskStatus.CLOSED)
        .select_related("declaration", "port")
        .first()
    )


def samples(user, *, limit: int = RECENT) -> list:
    """The enterprise's samples with their final result (approved by the laboratory)."""
    if not user.enterprise_id:
        return []
    base = (
        Sample.objects.filter(status=SampleStatus.APPROVED)
        .select_related("declaration")
        .only(
            "number", "verdict", "status", "approved_at", "declaration__number", "declaration__arrival_date"
        )
        .order_by("-declaration__arrival_date", "-id")
    )
    key = lambda s: (s.declaration.arrival_date, s.pk)  # noqa: E731
    return _newest([base.filter(q) for q in _sides(user, "declaration__")], key, limit)


def rectifications_due(user, *, limit: int = RECENT):
    return (
        restrict(RectificationRequest.objects.all(), user, "rectification.view")
        .filter(status__in=[RectificationStatus.OPEN, RectificationStatus.ANSWERED])
        .order_by("due_date", "id")[:limit]
    )


def applications(user, *, limit: int = 5):
    return (
        restrict(AccessApplication.objects.all(), user, "supervision.view")
        .select_related("production_base")
        .order_by("-created_at", "-id")[:limit]
    )


def standing(user):
    if not user.enterprise_id:
        return None
    return EnterpriseStanding.objects.filter(enterprise_id=user.enterprise_id).only("credit_score").first()


def home(user) -> dict:
    """Everything on the workspace home (a fixed number of queries whatever the enterprise's size)."""
    enterprise = user.enterprise
    recent = recent_declarations(user)
    for d in recent:
        d.plain_status = plain_status(d.status)
        d.tone = TONE.get(d.status, "secondary")
    return {
        "enterprise": enterprise,
        "standing": standing(user),
        "counts": status_counts(user),
        "recent": recent,
        "documents": documents(user),
        "samples": samples(user),
        "rectifications": list(rectifications_due(user)),
        "applications": list(applications(user)),
        "notifications": notifications.rendered(notifications.inbox(user)[:5]),
    }
