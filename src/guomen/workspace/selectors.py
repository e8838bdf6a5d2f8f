"""What the enterprise workspace reads: the user's own enterprise's rows only, in a fixed number of queries.

Declarations, rectifications and applications go through `restrict()` (their models name the enterprise);
inspection tasks (for their documents) and samples declare no enterprise scope, so they are read here only
through the enterprise's own declarations, with the few fields the enterprise may see (number, decision or
verdict, dates) and nothing of the bureau's targeting.
"""

from django.db.models import Count, Q

from guomen.core.permissions import restrict
from guomen.declarations.models import Declaration
from guomen.inspections.choices import RectificationStatus, TaskStatus
from guomen.inspections.models import InspectionTask, RectificationRequest
from guomen.labs.choices import SampleStatus
from guomen.labs.models import Sample
from guomen.notifications import selectors as notifications
from guomen.supervision.models import AccessApplication, EnterpriseStanding

from .status import PLAIN, TONE, plain_status

RECENT = 10


def _own(user, prefix: str = "") -> Q:
    e = user.enterprise_id
    return Q(**{f"{prefix}declarant_id": e}) | Q(**{f"{prefix}consignee_id": e})


def declarations(user, *, status: str = ""):
    qs = restrict(Declaration.objects.all(), user, "declaration.view").filter(_own(user))
    if status:
        qs = qs.filter(status=status)
    return (
        qs.order_by("-submitted_at", "-id")
        .only(
            "number",
            "status",
            "direction",
            "arrival_date",
            "submitted_at",
            "transport_id",
            "origin_country__name_zh",
        )
        .select_related("origin_country")
    )


def status_counts(user) -> list[dict]:
    rows = (
        restrict(Declaration.objects.all(), user, "declaration.view")
        .filter(_own(user))
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = {r["status"]: r["n"] for r in rows}
    return [
        {"status": s, "label": str(label), "tone": TONE[s], "n": counts.get(s, 0)}
        for s, label in PLAIN.items()
    ]


def documents(user, *, limit: int = RECENT):
    """Closed inspections of the enterprise's declarations: each has its certificate or notice."""
    if not user.enterprise_id:
        return InspectionTask.objects.none()
    return (
        InspectionTask.objects.filter(_own(user, "declaration__"), status=TaskStatus.CLOSED)
        .exclude(disposition="")
        .select_related("declaration")
        .only("id", "disposition", "confirmed_at", "status", "declaration__number", "declaration__direction")
        .order_by("-confirmed_at", "-id")[:limit]
    )


def document_task(user, pk: int):
    """The closed task of one of the enterprise's declarations, for its document; None otherwise."""
    if not user.enterprise_id:
        return None
    return (
        InspectionTask.objects.filter(_own(user, "declaration__"), pk=pk, status=TaskStatus.CLOSED)
        .select_related("declaration", "port")
        .first()
    )


def samples(user, *, limit: int = RECENT):
    """The enterprise's samples with their final result (approved by the laboratory)."""
    if not user.enterprise_id:
        return Sample.objects.none()
    return (
        Sample.objects.filter(_own(user, "declaration__"), status=SampleStatus.APPROVED)
        .select_related("declaration")
        .only("number", "verdict", "status", "approved_at", "declaration__number")
        .order_by("-approved_at", "-id")[:limit]
    )


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
    recent = list(declarations(user)[:RECENT])
    for d in recent:
        d.plain_status = plain_status(d.status)
        d.tone = TONE.get(d.status, "secondary")
    return {
        "enterprise": enterprise,
        "standing": standing(user),
        "counts": status_counts(user),
        "recent": recent,
        "documents": list(documents(user)),
        "samples": list(samples(user)),
        "rectifications": list(rectifications_due(user)),
        "applications": list(applications(user)),
        "notifications": notifications.rendered(notifications.inbox(user)[:5]),
    }
