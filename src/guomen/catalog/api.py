"""Catalog read API: HS codes, countries, commodity groups, hazards, import requirements."""

from decimal import Decimal

from ninja import Query, Router, Schema

from guomen.core.errors import NotFound
from guomen.core.pagination import paginated

from . import selectors

router = Router(tags=["catalog"])


class HsCodeOut(Schema):
    code: str
    level: int
    parent: str | None
    section: str
    name_en: str
    name_zh: str
    group: str | None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent_id

    @staticmethod
    def resolve_group(obj) -> str | None:
        return obj.group_id


class HsCodeDetailOut(HsCodeOut):
    declarable: bool
    children: list[HsCodeOut]

    @staticmethod
    def resolve_declarable(obj) -> bool:
        return obj.level in selectors.DECLARABLE_LEVELS

    @staticmethod
    def resolve_children(obj) -> list:
        return list(selectors.hs_children(hs=obj))


class CountryOut(Schema):
    code: str
    alpha3: str
    name_en: str
    name_zh: str


class CommodityGroupOut(Schema):
    code: str
    name_zh: str
    name_en: str
    hs_prefixes: list[str]


class HazardOut(Schema):
    id: int
    code: str
    kind: str
    name_zh: str
    name_en: str
    scientific_name: str
    description: str


class LimitOut(Schema):
    hs_code: str
    value: Decimal
    unit: str
    standard: str

    @staticmethod
    def resolve_hs_code(obj) -> str:
        return obj.hs_id


class HazardDetailOut(HazardOut):
    limits: list[LimitOut]

    @staticmethod
    def resolve_limits(obj) -> list:
        return list(obj.limits.order_by("hs_id"))


class PestOut(Schema):
    code: str
    name_zh: str
    scientific_name: str


class ImportRequirementOut(Schema):
    id: int
    hs_code: str
    origin: str
    access_granted: bool
    pests: list[PestOut]
    required_treatment: str
    marking: str
    registered_base_required: bool
    protocol: str
    notes: str

    @staticmethod
    def resolve_hs_code(obj) -> str:
        return obj.hs_id

    @staticmethod
    def resolve_origin(obj) -> str:
        return obj.origin_id

    @staticmethod
    def resolve_pests(obj) -> list:
        return list(obj.pests.all())


@router.get("/hs-codes", response=list[HsCodeOut])
@paginated
def hs_codes(request, filters: Query[selectors.HsFilters]):
    """Search by code prefix (digits) or by Chinese/English text: the filters of the HS code page (and its export)."""
    return selectors.hs_list(user=request.auth, filters=filters)


@router.get("/hs-codes/{code}", response=HsCodeDetailOut)
def hs_code_detail(request, code: str):
    return selectors.hs_get(user=request.auth, code=code)


@router.get("/countries", response=list[CountryOut])
@paginated
def countries(request, filters: Query[selectors.CountryFilters]):
    """The filters of the country page (and its export), by the same names."""
    return selectors.country_list(user=request.auth, filters=filters)


@router.get("/commodity-groups", response=list[CommodityGroupOut])
@paginated
def commodity_groups(request):
    return selectors.commodity_group_list(user=request.auth)


@router.get("/hazards", response=list[HazardOut])
@paginated
def hazards(request, filters: Query[selectors.HazardFilters]):
    """The filters of the hazard page (and its export), by the same names."""
    return selectors.hazard_list(user=request.auth, filters=filters)


@router.get("/hazards/{code}", response=HazardDetailOut)
def hazard_detail(request, code: str):
    hazard = selectors.hazard_list(user=request.auth).filter(code=code).first()
    if hazard is None:
        raise NotFound()
    return hazard


@router.get("/import-requirements", response=list[ImportRequirementOut])
@paginated
def import_requirements(request, filters: Query[selectors.RequirementFilters]):
    """Filter by HS code prefix and by origin (code or name): the filters of the requirement page (and its export)."""
    return selectors.import_requirement_list(user=request.auth, filters=filters)


@router.get("/import-requirements/applicable", response=ImportRequirementOut)
def import_requirement_applicable(request, hs: str, origin: str):
    """The requirement that applies to this HS code and origin (most specific HS match)."""
    selectors.require_catalog_view(request.auth)
    country = selectors.country_resolve(origin)
    found = selectors.import_requirement_for(hs=hs, origin=country) if country else None
    if found is None:
        raise NotFound()
    return found
