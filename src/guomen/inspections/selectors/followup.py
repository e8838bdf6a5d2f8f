"""Reads for the follow-up board (结果跟进), rectification requests and the scan lookup."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can, restrict
from guomen.registry.models import ProductionBase

from .. import integrations
from ..choices import Disposition, RectificationStatus, TaskStatus
from ..models import InspectionTask, RectificationFile, RectificationRequest
from .tasks import LIST_RELATED

ACTIVE = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_CONFIRMATION)
TREATMENT_DAYS = 3  # a treatment not confirmed done within this many days is overdue


def treatments_pending(user) -> list[InspectionTask]:
    """Tasks closed with a treatment order whose treatment is not yet confirmed done."""
    qs = restrict(InspectionTask.objects.all(), user, "inspection.view").select_related(*LIST_RELATED)
    tasks = list(
        qs.filter(
            status=TaskStatus.CLOSED, disposition=Disposition.TREATMENT, declaration__status="treatment"
        ).order_by("confirmed_at", "id")[:200]
    )
    today = timezone.localdate()
    for task in tasks:
        confirmed = timezone.localdate(task.confirmed_at) if task.confirmed_at else today
        task.treatment_due = confirmed + timezone.timedelta(days=TREATMENT_DAYS)
        task.treatment_overdue = task.treatment_due < today
    return tasks


RECTIFICATION_STATES = ["active", "all", *RectificationStatus.values]


class RectificationFilters(FilterSet):
    """Rectification requests' filters: the follow-up board's list (inspections:followup), its export and
    GET /api/v1/inspections/rectifications."""

    status: one_of(
        RECTIFICATION_STATES,
        "active (the default): awaiting the enterprise or answered; all (or empty): every one",
    ) = "active"


def rectification_list(user, *, filters: RectificationFilters | None = None, **given) -> QuerySet:
    """Rectification requests the user may see: their unit's, or their own enterprise's; soonest deadline first."""
    status = (filters or RectificationFilters(**given)).status
    qs = restrict(RectificationRequest.objects.all(), user, "rectification.view").select_related(
        "enterprise", "org", "owner", "task__declaration", "answered_by"
    )
    if status == "active":
        qs = qs.filter(status__in=(RectificationStatus.OPEN, RectificationStatus.ANSWERED))
    elif status in RectificationStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("due_date", "id")


def rectification_get(user, pk) -> RectificationRequest:
    try:
        return rectification_list(user, status="all").get(pk=pk)
    except (RectificationRequest.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such rectification request.")) from None


def rectification_rounds(request) -> list:
    """Every answer of a request (oldest first) with its files and the bureau's decision on it.

    The caller has loaded `request` through rectification_get (scoped to the user), so its rounds are theirs."""
    return list(request.answers.select_related("answered_by", "decided_by").prefetch_related("files"))


def rectification_file(user, pk, file_pk):
    """A file of a request the user may see (the enterprise's own, or the unit's staff); else not found."""
    request = rectification_get(user, pk)
    found = RectificationFile.objects.filter(pk=file_pk, answer__request=request).first()
    if found is None:
        raise NotFound(_("No such file."))
    return found


@dataclass
class Board:
    samples: list
    treatments: list
    rectifications: list

    @property
    def overdue_count(self) -> int:
        return (
            len(self.samples)
            + sum(1 for t in self.treatments if t.treatment_overdue)
            + sum(1 for r in self.rectifications if r.is_overdue)
        )


def followup_board(user, rectifications: RectificationFilters | None = None) -> Board:
    """Everything pending after inspection: overdue lab results, treatments, rectifications (the pending ones
    unless `rectifications` filters them otherwise)."""
    return Board(
        samples=integrations.overdue_samples(user) if can(user, "inspection.view") else [],
        treatments=treatments_pending(user) if can(user, "inspection.view") else [],
        rectifications=list(rectification_list(user, filters=rectifications)[:300]),
    )


def _last_segment(code: str) -> str:
    code = (code or "").strip()
    if "/" in code:
        parts = [p for p in code.split("/") if p]
        code = parts[-1] if parts else ""
    return code[:80]


def scan_resolve(user, code: str) -> tuple[str, list]:
    """Where a scanned or typed code leads: ("task", [url]), ("choose", [tasks]) or ("none", [])."""
    code = _last_segment(code)
    if not code:
        return "none", []
    tasks = restrict(InspectionTask.objects.all(), user, "inspection.view").select_related(*LIST_RELATED)
    by_decl = tasks.filter(Q(declaration__number__iexact=code) | Q(declaration__transport_id__iexact=code))
    found = list(by_decl.filter(status__in=ACTIVE)[:20]) or list(by_decl.order_by("-id")[:1])
    if not found:
        task_id = integrations.task_for_sample_number(code)
        if task_id:
            found = list(tasks.filter(pk=task_id))
    if not found:
        base = ProductionBase.objects.filter(code__iexact=code).first()
        if base is not None:
            found = list(
                tasks.filter(status__in=ACTIVE, declaration__lines__production_bases=base).distinct()[:20]
            )
            if not found:
                return "base", [reverse("registry:base_detail", args=[base.pk])]
    if len(found) == 1:
        return "task", [reverse("inspections:task_detail", args=[found[0].pk])]
    return ("choose", found) if found else ("none", [])
