"""Export-chain reads, always through restrict(): staff see their unit and below, an enterprise its own.

Other apps (export certificates, trace-back of foreign notifications, the clearance flow) read the chain through
`site_list`, `batch_list`, `declaration_batches` and `loading_list` (scoped to a user), or `batches_of_declaration`
(no user: for services that already hold the declaration)."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict

from .choices import SiteKind, SiteStatus
from .models import DeclarationBatch, ExportSite, InputRecord, LoadingRecord, ProductionBatch
from .substances import SUPERVISED_LOADING_DESTINATIONS, substance_name


class SiteFilters(FilterSet):
    """The export site list's filters: the page (exports:sites), its export and GET /api/v1/exports/sites."""

    q: str = Field(
        "", max_length=60, description="Registration number, site name or enterprise name (part of it)"
    )
    status: one_of(SiteStatus, "Registration status of the site") = ""
    kind: one_of(SiteKind, "Type of site") = ""


def site_list(*, user, filters: SiteFilters | None = None, enterprise=None, **given) -> QuerySet:
    """Export sites the user may see (staff: their unit and below; an enterprise: its own), newest first;
    `filters` (or its fields as keywords) narrow the list."""
    f = filters or SiteFilters(**given)
    qs = restrict(ExportSite.objects.all(), user, "exports.view").select_related("enterprise", "org")
    if f.q:
        qs = qs.filter(
            Q(registration_number__icontains=f.q)
            | Q(name__icontains=f.q)
            | Q(enterprise__name_zh__icontains=f.q)
        )
    if f.status:
        qs = qs.filter(status=f.status)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    return qs


def site_get(*, user, pk) -> ExportSite:
    found = site_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def input_list(*, user, site=None) -> QuerySet:
    qs = restrict(InputRecord.objects.all(), user, "exports.view").select_related("site", "entered_by")
    if site is not None:
        qs = qs.filter(site=site)
    return qs


class BatchFilters(FilterSet):
    """The production batch list's filters: the page (exports:batches), its export and
    GET /api/v1/exports/batches."""

    q: str = Field("", max_length=60, description="Batch number or site name (part of it)")
    flagged: bool | None = Field(
        None,
        description="Only batches flagged for an input (true) or only clean ones (false); both if not given",
    )


def batch_list(*, user, filters: BatchFilters | None = None, site=None, **given) -> QuerySet:
    """Production batches the user may see (staff: their unit and below; an enterprise: its own sites'),
    latest harvest first; `filters` (or its fields as keywords) narrow the list."""
    f = filters or BatchFilters(**given)
    qs = restrict(ProductionBatch.objects.all(), user, "exports.view").select_related(
        "site__enterprise", "commodity", "destination"
    )
    if site is not None:
        qs = qs.filter(site=site)
    if f.flagged is not None:
        qs = qs.filter(flagged=f.flagged)
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(site__name__icontains=f.q))
    return qs


def batch_get(*, user, pk=None, number: str = "") -> ProductionBatch:
    qs = batch_list(user=user)
    if number:
        found = qs.filter(number=number).first()
    else:
        found = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def batches_of_declaration(declaration) -> list[ProductionBatch]:
    """The production batches an export declaration names, with their sites (no scoping: the caller holds the
    declaration already)."""
    return [
        link.batch
        for link in DeclarationBatch.objects.filter(declaration=declaration)
        .select_related("batch__site__enterprise", "batch__commodity", "batch__destination")
        .order_by("id")
    ]


def declaration_batches(*, user, declaration) -> list[ProductionBatch]:
    visible = set(batch_list(user=user).values_list("pk", flat=True))
    return [b for b in batches_of_declaration(declaration) if b.pk in visible]


def loading_list(*, user, declaration=None) -> QuerySet:
    qs = (
        restrict(LoadingRecord.objects.all(), user, "exports.view")
        .select_related("declaration", "inspector")
        .prefetch_related("photos")
    )
    if declaration is not None:
        qs = qs.filter(declaration=declaration)
    return qs


def loading_get(*, user, pk) -> LoadingRecord:
    found = loading_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def needs_supervised_loading(*, hk_macao: bool, destination: str) -> bool:
    """供港澳 goods (from a Hong Kong/Macao supply site, or going there) are loaded under supervision."""
    return bool(hk_macao) or destination in SUPERVISED_LOADING_DESTINATIONS


def flag_text(reason: dict) -> str:
    """One flag of a batch as people read it."""
    name = substance_name(reason.get("substance", ""))
    if reason.get("code") == "withdrawal":
        return _(
            "%(name)s (%(product)s) used on %(used_on)s: inside its %(days)s-day withdrawal period before the "
            "harvest (safe from %(safe_from)s)."
        ) % {**reason, "name": name}
    if reason.get("code") == "banned":
        return _(
            "%(name)s (%(product)s) used on %(used_on)s is banned for the destination %(destination)s."
        ) % {
            **reason,
            "name": name,
        }
    return str(reason)
