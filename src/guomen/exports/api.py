"""Export production chain API: sites, input records, batches, the batches of an export declaration, 监装."""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from guomen.core.errors import ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require, restrict
from guomen.declarations.selectors import declaration_get
from guomen.registry.models import Enterprise

from . import selectors, services
from .substances import SUBSTANCES

router = Router(tags=["exports"])


class ExportSiteIn(Schema):
    enterprise: str = ""  # USCC; an enterprise user applies for itself
    name: str
    kind: str
    address: str
    commodities: list[str]  # HS codes
    destinations: list[str]  # ISO country codes
    hk_macao: bool = False


class ExportSiteOut(Schema):
    id: int
    registration_number: str
    name: str
    kind: str
    status: str
    status_reason: str
    enterprise: str
    org: str
    address: str
    hk_macao: bool
    commodities: list[str]
    destinations: list[str]
    registered_on: dt.date | None
    review_due: dt.date | None
    version: int

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_org(obj):
        return obj.org.code

    @staticmethod
    def resolve_commodities(obj):
        return sorted(h.code for h in obj.commodities.all())

    @staticmethod
    def resolve_destinations(obj):
        return sorted(c.code for c in obj.destinations.all())


class ExportSiteStatusIn(Schema):
    to: str
    reason: str = ""
    version: int | None = None


class ExportSiteReviewIn(Schema):
    reviewed_on: dt.date | None = None
    note: str = ""


class ExportInputIn(Schema):
    kind: str
    product: str
    substance: str = ""
    dose: Decimal
    unit: str
    used_on: dt.date
    withdrawal_days: int | None = None
    source: str = ""


class ExportInputOut(Schema):
    id: int
    site: int
    kind: str
    product: str
    substance: str
    dose: Decimal
    unit: str
    used_on: dt.date
    withdrawal_days: int
    source: str

    @staticmethod
    def resolve_site(obj):
        return obj.site_id


class ExportBatchIn(Schema):
    commodity: str
    quantity: Decimal
    unit: str = "kg"
    harvested_on: dt.date
    destination: str
    inputs: list[int] = []
    raw_lots: str = ""


class ExportBatchOut(Schema):
    id: int
    number: str
    site: str
    enterprise: str
    commodity: str
    quantity: Decimal
    unit: str
    harvested_on: dt.date
    destination: str
    raw_lots: str
    flagged: bool
    flags: list[str]

    @staticmethod
    def resolve_site(obj):
        return obj.site.registration_number

    @staticmethod
    def resolve_enterprise(obj):
        return obj.site.enterprise.uscc

    @staticmethod
    def resolve_commodity(obj):
        return obj.commodity_id

    @staticmethod
    def resolve_destination(obj):
        return obj.destination_id

    @staticmethod
    def resolve_flags(obj):
        return [selectors.flag_text(r) for r in obj.flag_reasons or []]


class ExportAttachIn(Schema):
    batches: list[str]  # batch numbers


class ExportLoadingOut(Schema):
    id: int
    declaration: str
    container_number: str
    seal_number: str
    loaded_at: dt.datetime
    inspector: str
    photos: int

    @staticmethod
    def resolve_declaration(obj):
        return obj.declaration.number

    @staticmethod
    def resolve_inspector(obj):
        return obj.inspector.username if obj.inspector_id else ""

    @staticmethod
    def resolve_photos(obj):
        return len(obj.photos.all())


class ExportSubstanceOut(Schema):
    code: str
    kind: str
    name_zh: str
    name_en: str
    withdrawal_days: int


def _enterprise(user, uscc: str) -> Enterprise:
    if not uscc and getattr(user, "enterprise_id", None):
        return user.enterprise
    found = restrict(Enterprise.objects.filter(uscc=uscc), user, "enterprise.view").first() if uscc else None
    if found is None:
        raise ValidationFailed(fields={"enterprise": [_("No such enterprise that you may see.")]})
    return found


@router.get("/substances", response=list[ExportSubstanceOut])
@paginated
def substances(request):
    """The pesticides and veterinary drugs an input record may name, with their usual withdrawal periods."""
    require(request.auth, "exports.view")
    return list(SUBSTANCES.values())


@router.get("/sites", response=list[ExportSiteOut])
@paginated
def sites(request, filters: Query[selectors.SiteFilters]):
    """The export sites the caller may see (an enterprise: its own): the filters of the site page (and its
    export), by the same names."""
    require(request.auth, "exports.view")
    qs = selectors.site_list(user=request.auth, filters=filters)
    return qs.prefetch_related("commodities", "destinations")


@router.post("/sites", response={201: ExportSiteOut})
def site_apply(request, payload: ExportSiteIn):
    require(request.auth, "exports.site_apply")
    data = payload.model_dump()
    enterprise = _enterprise(request.auth, data.pop("enterprise"))
    return Status(201, services.site_apply(enterprise=enterprise, actor=request.auth, **data))


@router.get("/sites/{pk}", response=ExportSiteOut)
def site_detail(request, pk: int):
    return selectors.site_get(user=request.auth, pk=pk)


@router.post("/sites/{pk}/status", response=ExportSiteOut)
def site_status(request, pk: int, payload: ExportSiteStatusIn):
    site = selectors.site_get(user=request.auth, pk=pk)
    return services.site_set_status(
        site=site, to=payload.to, reason=payload.reason, actor=request.auth, expected_version=payload.version
    )


@router.post("/sites/{pk}/review", response=ExportSiteOut)
def site_review(request, pk: int, payload: ExportSiteReviewIn):
    site = selectors.site_get(user=request.auth, pk=pk)
    return services.site_annual_review(
        site=site, reviewed_on=payload.reviewed_on, note=payload.note, actor=request.auth
    )


@router.get("/sites/{pk}/inputs", response=list[ExportInputOut])
@paginated
def site_inputs(request, pk: int):
    site = selectors.site_get(user=request.auth, pk=pk)
    return selectors.input_list(user=request.auth, site=site)


@router.post("/sites/{pk}/inputs", response={201: ExportInputOut})
def input_record(request, pk: int, payload: ExportInputIn):
    site = selectors.site_get(user=request.auth, pk=pk)
    return Status(201, services.input_record(site=site, actor=request.auth, **payload.model_dump()))


@router.post("/sites/{pk}/batches", response={201: ExportBatchOut})
def batch_record(request, pk: int, payload: ExportBatchIn):
    site = selectors.site_get(user=request.auth, pk=pk)
    return Status(201, services.batch_record(site=site, actor=request.auth, **payload.model_dump()))


@router.get("/batches", response=list[ExportBatchOut])
@paginated
def batches(request, filters: Query[selectors.BatchFilters]):
    """The production batches the caller may see (an enterprise: its own sites'): the filters of the batch page
    (and its export), by the same names."""
    require(request.auth, "exports.view")
    return selectors.batch_list(user=request.auth, filters=filters)


@router.get("/batches/{number}", response=ExportBatchOut)
def batch_detail(request, number: str):
    return selectors.batch_get(user=request.auth, number=number)


@router.get("/declarations/{number}/batches", response=list[ExportBatchOut])
@paginated
def declaration_batches(request, number: str):
    require(request.auth, "exports.view")
    declaration = declaration_get(user=request.auth, number=number)
    return selectors.declaration_batches(user=request.auth, declaration=declaration)


@router.post("/declarations/{number}/batches", response=list[ExportBatchOut])
def declaration_batches_attach(request, number: str, payload: ExportAttachIn):
    require(request.auth, "exports.batch_attach")
    declaration = declaration_get(user=request.auth, number=number)
    found = {b.number: b for b in selectors.batch_list(user=request.auth).filter(number__in=payload.batches)}
    missing = [n for n in payload.batches if n not in found]
    if missing:
        raise ValidationFailed(
            fields={"batches": [_("No such batch that you may see: %(n)s.") % {"n": missing[0]}]}
        )
    services.declaration_batches_attach(
        declaration=declaration, batches=[found[n] for n in payload.batches], actor=request.auth
    )
    return selectors.declaration_batches(user=request.auth, declaration=declaration)


@router.get("/declarations/{number}/loadings", response=list[ExportLoadingOut])
@paginated
def loadings(request, number: str):
    require(request.auth, "exports.view")
    declaration = declaration_get(user=request.auth, number=number)
    return selectors.loading_list(user=request.auth, declaration=declaration)


@router.post("/declarations/{number}/loadings", response={201: ExportLoadingOut})
def loading_record(
    request,
    number: str,
    container_number: Form[str],
    seal_number: Form[str],
    loaded_at: Form[dt.datetime | None] = None,
    notes: Form[str] = "",
    photos: File[list[UploadedFile]] = None,
):
    """Supervised loading (监装), multipart: container number (ISO 6346), seal number, time, photos."""
    require(request.auth, "exports.loading_record")
    declaration = declaration_get(user=request.auth, number=number)
    loading = services.loading_record(
        declaration=declaration,
        container_number=container_number,
        seal_number=seal_number,
        loaded_at=loaded_at,
        notes=notes,
        photos=[f.read() for f in photos or []],
        actor=request.auth,
    )
    return Status(201, loading)
