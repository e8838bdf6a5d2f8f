"""Registry read API: enterprises and production bases."""

from datetime import date

from ninja import Query, Router, Schema

from guomen.core.pagination import paginated

from . import selectors

router = Router(tags=["registry"])


class EnterpriseOut(Schema):
    uscc: str
    name_zh: str
    name_en: str
    kind: str
    filing_status: str
    org: str
    credit_grade: str
    classification: str

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.code


class EnterpriseDetailOut(EnterpriseOut):
    address: str
    contact_name: str
    contact_phone: str
    contact_email: str
    qms_certified: bool
    filed_on: date | None
    production_bases: list[str]

    @staticmethod
    def resolve_production_bases(obj) -> list[str]:
        return list(obj.production_bases.order_by("code").values_list("code", flat=True))


class ProductionBaseOut(Schema):
    code: str
    kind: str
    name: str
    name_en: str
    country: str
    region: str
    operator_name: str
    enterprise_uscc: str | None
    org: str | None
    status: str
    status_reason: str
    registered_on: date | None
    commodities: list[str]

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id

    @staticmethod
    def resolve_enterprise_uscc(obj) -> str | None:
        return obj.enterprise.uscc if obj.enterprise_id else None

    @staticmethod
    def resolve_org(obj) -> str | None:
        return obj.org.code if obj.org_id else None

    @staticmethod
    def resolve_commodities(obj) -> list[str]:
        return [hs.code for hs in obj.commodities.all()]


@router.get("/enterprises", response=list[EnterpriseOut])
@paginated
def enterprises(request, filters: Query[selectors.EnterpriseFilters]):
    """Search by name (Chinese or English) or unified social credit code: the filters of the enterprise page (and
    its export), by the same names."""
    return selectors.enterprise_list(user=request.auth, filters=filters)


@router.get("/enterprises/{uscc}", response=EnterpriseDetailOut)
def enterprise_detail(request, uscc: str):
    return selectors.enterprise_get(user=request.auth, uscc=uscc)


@router.get("/production-bases", response=list[ProductionBaseOut])
@paginated
def production_bases(request, filters: Query[selectors.ProductionBaseFilters]):
    """Filter by country (alpha-2), type, status and registered commodity (HS prefix): the filters of the
    production base page (and its export), by the same names."""
    qs = selectors.production_base_list(user=request.auth, filters=filters)
    return qs.prefetch_related("commodities")


@router.get("/production-bases/{code}", response=ProductionBaseOut)
def production_base_detail(request, code: str):
    return selectors.production_base_get(user=request.auth, code=code)
