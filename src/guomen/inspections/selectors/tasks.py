"""Inspection reads: the inspector's task list, the supervisor's confirmations, the task dossier."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field

from guomen.catalog.models import Hazard, ImportRequirement
from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict
from guomen.core.selectors import audit_timeline
from guomen.declarations.choices import DeclarationStatus
from guomen.declarations.models import DeclarationLine
from guomen.targeting.choices import Channel

from ..choices import TaskStatus
from ..models import Finding, InspectionTask

OPEN_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)
LIST_RELATED = (
    "declaration",
    "declaration__origin_country",
    "declaration__declarant",
    "port",
    "assignee",
    "recorded_by",
)


def _lines_prefetch() -> Prefetch:
    return Prefetch(
        "declaration__lines", queryset=DeclarationLine.objects.select_related("hs").order_by("line_no")
    )


def _tasks(user, action: str) -> QuerySet:
    return restrict(InspectionTask.objects.all(), user, action).select_related(*LIST_RELATED)


class TaskFilters(FilterSet):
    """The task list's filters: the page (inspections:my_tasks), its export and GET /api/v1/inspections/tasks."""

    q: str = Field("", max_length=60, description="Declaration number or container/transport number (exact)")
    channel: one_of(Channel, "Inspection channel") = ""
    origin: str = Field("", max_length=3, description="Origin country code (ISO alpha-2 or -3)")


def my_tasks(user, *, filters: TaskFilters | None = None, **given) -> QuerySet:
    """Open and in-progress tasks of my port and the units below: due today or overdue first, then by priority;
    `filters` (or its fields as keywords) narrow the list."""
    f = filters or TaskFilters(**given)
    today = timezone.localdate()
    qs = _tasks(user, "inspection.record").filter(
        status__in=OPEN_STATUSES, declaration__status=DeclarationStatus.UNDER_INSPECTION
    )
    if f.q:
        qs = qs.filter(Q(declaration__number__iexact=f.q) | Q(declaration__transport_id__iexact=f.q))
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.origin:
        qs = qs.filter(declaration__origin_country_id=f.origin.upper())
    return (
        qs.annotate(
            later=Case(
                When(due_date__lte=today, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .prefetch_related(_lines_prefetch())
        .order_by("later", "-priority", "due_date", "id")
    )


def confirmations(user) -> QuerySet:
    """Results awaiting a supervisor's confirmation in my unit and below, oldest first."""
    return (
        _tasks(user, "inspection.confirm")
        .filter(status=TaskStatus.AWAITING_CONFIRMATION)
        .prefetch_related(
            _lines_prefetch(), Prefetch("findings", queryset=Finding.objects.select_related("hazard"))
        )
        .order_by("recorded_at", "id")
    )


def task_detail(user, pk) -> InspectionTask:
    """One task with everything its dossier shows; NotFound outside the user's jurisdiction."""
    lines = (
        DeclarationLine.objects.select_related("hs")
        .prefetch_related("production_bases__country", "production_bases__commodities")
        .order_by("line_no")
    )
    findings = Finding.objects.select_related("hazard").prefetch_related("photos").order_by("id")
    qs = (
        _tasks(user, "inspection.view")
        .select_related(
            "declaration__consignee", "declaration__decision", "declaration__port", "confirmed_by"
        )
        .prefetch_related(
            Prefetch("declaration__lines", queryset=lines),
            "declaration__documents",
            Prefetch("findings", queryset=findings),
            "checklist",
        )
    )
    try:
        return qs.get(pk=pk)
    except (InspectionTask.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("No such inspection task in your jurisdiction.")) from None


# Within a batch (offline sync) the same goods and origin come again and again: their requirements
# are read once per batch. Outside a batch this is None and every call reads the database.
_requirements_memo: ContextVar[dict | None] = ContextVar("requirements_memo", default=None)


@contextmanager
def requirements_read_once():
    token = _requirements_memo.set({})
    try:
        yield
    finally:
        _requirements_memo.reset(token)


def task_requirements(task: InspectionTask) -> list[ImportRequirement]:
    """The import requirements for the task's lines (by HS code or its 6/4-digit parents) and origin."""
    codes = set()
    for line in task.declaration.lines.all():
        codes.update({line.hs_id, line.hs_id[:6], line.hs_id[:4]})
    key = (task.declaration.origin_country_id, frozenset(codes))
    memo = _requirements_memo.get()
    if memo is not None and key in memo:
        return memo[key]
    found = list(
        ImportRequirement.objects.filter(hs__in=codes, origin_id=task.declaration.origin_country_id)
        .select_related("hs", "origin")
        .prefetch_related("pests")
    )
    if memo is not None:
        memo[key] = found
    return found


def hazard_choices(requirements: list[ImportRequirement]) -> tuple[list[Hazard], list[Hazard]]:
    """Hazards for the finding picker: the pests of concern first, then the rest of the catalogue that analysts
    have accepted (foreign hazard names still to be reviewed are not offered)."""
    concern = {p.pk: p for r in requirements for p in r.pests.all()}
    others = list(
        Hazard.objects.exclude(pk__in=concern).filter(needs_review=False).order_by("kind", "name_zh")
    )
    return list(concern.values()), others


def task_timeline(task: InspectionTask) -> QuerySet:
    """The events of the task and of its declaration, oldest first."""
    return audit_timeline(objects=[task, task.declaration])
