"""Registry reads: enterprises and production bases, permission-checked."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field

from guomen.accounts.choices import Role
from guomen.catalog.selectors import normalise_hs
from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can, restrict

from .choices import BaseKind, BaseStatus, EnterpriseKind, FilingStatus
from .models import Enterprise, ProductionBase
from .validators import uscc_clean


def enterprise_by_uscc(uscc: str) -> Enterprise | None:
    """The enterprise with this code (any spelling of it), regardless of who asks."""
    code = uscc_clean(uscc)
    if not code:
        return None
    return Enterprise.objects.select_related("org").filter(uscc=code).first()


def enterprises_by_usccs(codes: Iterable[str]) -> dict[str, Enterprise]:
    """Enterprises keyed by their (cleaned) credit code, in one statement (their units are not read with them);
    unknown codes are simply absent."""
    wanted = {c for c in (uscc_clean(code) for code in codes) if c}
    if not wanted:
        return {}
    return {e.uscc: e for e in Enterprise.objects.filter(uscc__in=wanted)}


def production_bases_by_codes(codes: Iterable[str], *, related: bool = True) -> dict[str, ProductionBase]:
    """Production bases keyed by registration code; unknown codes are simply absent. `related=False` reads the
    bases alone (one statement; their country, enterprise and commodities are not read with them)."""
    wanted = {str(c).strip() for c in codes if str(c or "").strip()}
    if not wanted:
        return {}
    qs = ProductionBase.objects.filter(code__in=wanted)
    if related:
        qs = qs.select_related("country", "enterprise").prefetch_related("commodities")
    return {b.code: b for b in qs}


class EnterpriseFilters(FilterSet):
    """The enterprise list's filters: the page (registry:enterprise_list), its export and
    GET /api/v1/registry/enterprises."""

    q: str = Field("", max_length=100, description="Name (Chinese or English) or unified social credit code")
    kind: one_of(EnterpriseKind, "Type of enterprise") = ""
    filing_status: one_of(FilingStatus, "Filing status") = ""
    org: str = Field("", max_length=20, description="Code of the supervising unit")


def enterprise_list(*, user, filters: EnterpriseFilters | None = None, **given) -> QuerySet:
    """Enterprises the user may see, by Chinese name; `filters` (or its fields as keywords) narrow the list."""
    f = filters or EnterpriseFilters(**given)
    qs = restrict(Enterprise.objects.all(), user, "enterprise.view").select_related("org")
    if f.q:
        qs = qs.filter(Q(name_zh__icontains=f.q) | Q(name_en__icontains=f.q) | Q(uscc__icontains=f.q.upper()))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.filing_status:
        qs = qs.filter(filing_status=f.filing_status)
    if f.org:
        qs = qs.filter(org__code=f.org)
    return qs.order_by("name_zh", "id")


def enterprise_get(*, user, pk=None, uscc: str = "", action: str = "enterprise.view") -> Enterprise:
    qs = restrict(Enterprise.objects.all(), user, action).select_related("org")
    found = qs.filter(pk=pk).first() if pk is not None else qs.filter(uscc=uscc_clean(uscc)).first()
    if found is None:
        raise NotFound()
    return found


def enterprise_named(*, user, uscc: str, field: str = "enterprise") -> Enterprise:
    """The enterprise a form or payload names by USCC, among those the user may see; else an error on `field`."""
    code = str(uscc or "").strip()
    found = restrict(Enterprise.objects.filter(uscc=code), user, "enterprise.view").first() if code else None
    if found is None:
        raise ValidationFailed(fields={field: [_("No such enterprise that you may see.")]})
    return found


class ProductionBaseFilters(FilterSet):
    """The production base list's filters: the page (registry:base_list), its export and
    GET /api/v1/registry/production-bases."""

    q: str = Field("", max_length=100, description="Registration code, name, operator or region (part of it)")
    country: str = Field("", max_length=2, description="Country of the base (ISO 3166 alpha-2)")
    kind: one_of(BaseKind, "Type of production base") = ""
    status: one_of(BaseStatus, "Registration status") = ""
    commodity: str = Field(
        "", max_length=20, description="A registered commodity (HS code or its first digits)"
    )


def production_base_list(
    *, user, filters: ProductionBaseFilters | None = None, enterprise=None, **given
) -> QuerySet:
    """Production bases the user may see (an enterprise: its own), by registration code; `filters` (or its fields
    as keywords) narrow the list."""
    f = filters or ProductionBaseFilters(**given)
    qs = restrict(ProductionBase.objects.all(), user, "production_base.view").select_related(
        "country", "enterprise", "org"
    )
    if f.q:
        qs = qs.filter(
            Q(code__icontains=f.q)
            | Q(name__icontains=f.q)
            | Q(name_en__icontains=f.q)
            | Q(operator_name__icontains=f.q)
            | Q(region__icontains=f.q)
        )
    if f.country:
        qs = qs.filter(country_id=f.country.upper())
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.commodity:
        qs = qs.filter(commodities__code__startswith=normalise_hs(f.commodity)).distinct()
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    return qs.order_by("code")


def _bases_for(user, action: str) -> QuerySet:
    qs = restrict(ProductionBase.objects.all(), user, action)
    if action.endswith(".edit") and can(user, action) and getattr(user, "role", None) != Role.ENTERPRISE:
        # Foreign bases registered without a supervising unit may be managed by any unit's editors.
        qs = qs | ProductionBase.objects.filter(org__isnull=True)
    return qs


def production_base_get(
    *, user, pk=None, code: str = "", action: str = "production_base.view"
) -> ProductionBase:
    qs = _bases_for(user, action).select_related("country", "enterprise", "org")
    found = qs.filter(pk=pk).first() if pk is not None else qs.filter(code=str(code).strip()).first()
    if found is None:
        raise NotFound()
    return found
