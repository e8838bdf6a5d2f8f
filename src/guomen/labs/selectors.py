"""Laboratory reads: samples of a task, the lab's queue, overdue results — each within the user's reach.

A staff user sees a sample when it was drawn at a port of their unit (or below) or is tested at a
laboratory of their unit (or below).
"""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from ninja import Field

from guomen.catalog.choices import HazardKind
from guomen.catalog.models import Hazard
from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can
from guomen.core.selectors import audit_timeline

from .choices import FINAL_STATUSES, SampleStatus, TestKind, Verdict
from .models import Laboratory, Sample, TestItem

QUEUE_STATUSES = (
    SampleStatus.HANDED_OVER,
    SampleStatus.RECEIVED,
    SampleStatus.TESTING,
    SampleStatus.RESULTS_ENTERED,
)
ANALYTE_KINDS = {
    TestKind.PESTICIDE_RESIDUES: (HazardKind.PESTICIDE_RESIDUE,),
    TestKind.PEST_IDENTIFICATION: (HazardKind.QUARANTINE_PEST,),
    TestKind.MICROBIOLOGY: (HazardKind.MICROBIOLOGICAL,),
    TestKind.HEAVY_METALS: (HazardKind.CONTAMINANT,),
    TestKind.MYCOTOXINS: (HazardKind.CONTAMINANT,),
    TestKind.GMO: (HazardKind.OTHER,),
}
RELATED = (
    "laboratory",
    "laboratory__org",
    "port",
    "declaration",
    "declaration__origin_country",
    "line",
    "task",
)


def _items():
    return Prefetch("items", queryset=TestItem.objects.select_related("analyte", "entered_by").order_by("id"))


def _scoped(qs: QuerySet, user, action: str = "lab.view") -> QuerySet:
    if not can(user, action):
        return qs.none()
    if user.is_superuser:
        return qs
    if not user.org_id:
        return qs.none()
    path = user.org.path
    return qs.filter(Q(port__path__startswith=path) | Q(laboratory__org__path__startswith=path))


class SampleFilters(FilterSet):
    """The sample list's filters: the page (labs:sample_list), its export and GET /api/v1/labs/samples."""

    q: str = Field("", max_length=60, description="Sample or declaration number (part of it)")
    status: one_of(SampleStatus, "Where the sample stands") = ""
    verdict: one_of(Verdict, "The approved overall verdict") = ""
    laboratory: str = Field("", max_length=20, description="Laboratory code")


def sample_list(*, user, filters: SampleFilters | None = None, **given) -> QuerySet:
    """Samples the user may see (drawn at their ports or tested at their laboratories), newest first."""
    f = filters or SampleFilters(**given)
    qs = _scoped(Sample.objects.all(), user)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.verdict:
        qs = qs.filter(verdict=f.verdict)
    if f.laboratory:
        qs = qs.filter(laboratory__code__iexact=f.laboratory)
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(declaration__number__icontains=f.q))
    return qs.select_related(*RELATED).order_by("-id")


def lab_queue(*, user) -> QuerySet:
    """Samples on their way to or inside the user's laboratories, oldest due first."""
    if not (can(user, "lab.receive") or can(user, "lab.result") or can(user, "lab.approve")):
        return Sample.objects.none()
    qs = Sample.objects.filter(status__in=QUEUE_STATUSES)
    if not user.is_superuser:
        if not user.org_id:
            return Sample.objects.none()
        qs = qs.filter(laboratory__org__path__startswith=user.org.path)
    return qs.select_related(*RELATED).prefetch_related(_items()).order_by("due_date", "id")


def sample_get(*, user, pk) -> Sample:
    sample = (
        _scoped(Sample.objects.all(), user)
        .select_related(*RELATED, "registered_by", "approved_by")
        .prefetch_related(_items(), "custody__by")
        .filter(pk=pk)
        .first()
    )
    if sample is None:
        raise NotFound()
    return sample


def samples_for_task(task) -> list[Sample]:
    """The samples drawn in an inspection task with their items; `status`, `verdict`, `verdict_label`
    tell where each stands (the verdict is set once a second analyst approved). The caller has checked
    that the user may see the task."""
    return list(
        Sample.objects.filter(task=task)
        .select_related("laboratory", "line")
        .prefetch_related(_items())
        .order_by("id")
    )


def overdue_samples(user) -> QuerySet:
    """Samples without an approved result past their due date, within the user's jurisdiction."""
    return (
        _scoped(Sample.objects.all(), user)
        .exclude(status__in=FINAL_STATUSES)
        .filter(due_date__lt=timezone.localdate())
        .select_related(*RELATED)
        .order_by("due_date", "id")
    )


def sample_timeline(sample: Sample):
    return audit_timeline(obj=sample)


def laboratories() -> list[Laboratory]:
    return list(Laboratory.objects.filter(active=True).select_related("org").order_by("code"))


def analytes_for(test: str) -> QuerySet:
    """The analytes of a test: catalogue hazards an analyst has accepted (foreign names still to be reviewed are
    left out), by Chinese name."""
    kinds = ANALYTE_KINDS.get(test, ())
    if not kinds:
        return Hazard.objects.none()
    return Hazard.objects.filter(kind__in=kinds, needs_review=False).order_by("name_zh", "code")


def task_get(*, user, pk):
    """An inspection task the user may see, with its declaration and lines (for the sampling page)."""
    from guomen.core.permissions import restrict
    from guomen.inspections.models import InspectionTask

    task = (
        restrict(InspectionTask.objects.all(), user, "inspection.view")
        .select_related("declaration", "declaration__origin_country", "port")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise NotFound()
    return task


def task_lines(task) -> list:
    return list(task.declaration.lines.select_related("hs").order_by("line_no"))


# --- work-queue counts for the home page (core.work) ----------------------------------------------------


def samples_to_receive(user) -> int:
    """待接收: samples handed over to my laboratories and not yet received."""
    return lab_queue(user=user).filter(status=SampleStatus.HANDED_OVER).count()


def samples_to_test(user) -> int:
    """待检测: samples received or under test in my laboratories."""
    return lab_queue(user=user).filter(status__in=(SampleStatus.RECEIVED, SampleStatus.TESTING)).count()


def results_to_review(user) -> int:
    """待复核: results entered by a colleague that wait for my approval (never my own entries)."""
    return (
        lab_queue(user=user)
        .filter(status=SampleStatus.RESULTS_ENTERED)
        .exclude(items__entered_by=user)
        .distinct()
        .count()
    )


def overdue_count(user) -> int:
    """超期检测: samples of my jurisdiction past their due date without an approved result."""
    return overdue_samples(user).count()
