"""Declaration reads: lists with filters, one declaration by number, its timeline.

Targeting is confidential to the bureau (`sees_targeting`): for an enterprise user, an enterprise's system
client or the public, the reads here leave out the channel, the decision (reasons, instruction, score…), the
inspector's name and the bureau's internal steps, which the timeline shows as one neutral "海关处理".
"""

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q, QuerySet
from ninja import Field

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet
from guomen.core.permissions import restrict, sees_targeting
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries

from .choices import DeclarationStatus
from .models import Declaration


class DeclarationFilters(FilterSet):
    """The declaration list's filters: the page (its FilterForm's fields), GET /api/v1/declarations."""

    q: str = Field("", max_length=100, description="Declaration number or transport (part of it)")
    status: str = ""
    port: str = Field("", max_length=20)
    origin: str = Field("", max_length=3)
    channel: str = ""
    date_from: dt.date | None = Field(None, description="Arrival on or after")
    date_to: dt.date | None = Field(None, description="Arrival on or before")


def declaration_list(*, user, filters: DeclarationFilters | None = None) -> QuerySet:
    """Declarations the user may see, newest first, filtered. Dates filter on the arrival date."""
    f = filters or DeclarationFilters()
    qs = restrict(Declaration.objects.all(), user, "declaration.view")
    if f.channel and not sees_targeting(user):
        f = f.model_copy(update={"channel": ""})  # nobody outside the bureau may sort declarations by channel
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q.strip()) | Q(transport_id__icontains=f.q.strip()))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.port:
        qs = qs.filter(port__code=f.port.strip().upper())
    if f.origin:
        qs = qs.filter(origin_country_id=f.origin.strip().upper())
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.date_from:
        qs = qs.filter(arrival_date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(arrival_date__lte=f.date_to)
    return (
        qs.select_related("port", "declarant", "origin_country")
        .prefetch_related(_batch_links())
        .order_by("-submitted_at", "-id")
    )


def _batch_links() -> Prefetch:
    """The export batches a declaration names (exports.DeclarationBatch, by its relation name), with their
    numbers, in one statement for a page of declarations."""
    links = Declaration._meta.get_field("export_batches").related_model
    return Prefetch(
        "export_batches",
        queryset=links.objects.select_related("batch")
        .only("id", "declaration_id", "batch__id", "batch__number")
        .order_by("id"),
    )


def declaration_get(*, user, number: str) -> Declaration:
    """One declaration the user may see; NotFound otherwise (whether or not it exists elsewhere)."""
    declaration = (
        restrict(Declaration.objects.all(), user, "declaration.view")
        .select_related("port", "declarant", "consignee", "origin_country", "destination_country", "decision")
        .filter(number=number)
        .first()
    )
    if declaration is None:
        raise NotFound()
    return declaration


def declaration_lines(declaration: Declaration) -> list:
    return list(
        declaration.lines.select_related("hs").prefetch_related("production_bases").order_by("line_no")
    )


def declaration_tasks(declaration: Declaration) -> list:
    return list(declaration.inspection_tasks.select_related("assignee").order_by("id"))


def declaration_decision(declaration: Declaration, *, user=None, staff: bool = False):
    """The targeting decision, for bureau staff only: None for anyone else (and without `user` or
    `staff=True`, whose caller is the bureau's own code)."""
    if not staff and not sees_targeting(user):
        return None
    try:
        return declaration.decision  # targeting's table, read through the one-to-one relation it declares
    except ObjectDoesNotExist:
        return None


def declaration_timeline(declaration: Declaration, tasks: list | None = None, *, user=None) -> list[dict]:
    """Every audit event of the declaration and of its inspection tasks, oldest first, labelled; as an
    outsider reads it when `user` is not bureau staff."""
    tasks = declaration_tasks(declaration) if tasks is None else tasks
    entries = timeline_entries(audit_timeline(objects=[declaration, *tasks]))
    if sees_targeting(user):
        return entries
    from .timeline import outside_view

    return outside_view(entries)


def ephyto_mismatches(declaration: Declaration) -> list[str]:
    """What the declaration's ePhyto certificates contradict (number, origin, commodity, weight, treatment,
    production bases), as sentences; [] when no certificate arrived or all agree."""
    from .ephyto_match import declaration_mismatches

    return declaration_mismatches(declaration)


def declarations_in_progress(user) -> int:
    """For the home page (core.work): the user's declarations not yet released or otherwise finished."""
    open_statuses = (
        DeclarationStatus.SUBMITTED,
        DeclarationStatus.UNDER_INSPECTION,
        DeclarationStatus.PENDING_DISPOSITION,
    )
    return (
        restrict(Declaration.objects.all(), user, "declaration.view").filter(status__in=open_statuses).count()
    )
