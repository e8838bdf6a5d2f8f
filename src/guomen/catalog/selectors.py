"""Catalog reads: resolving codes others receive from users, and permission-checked lists."""

import re

import pycountry
from django.db.models import Q, QuerySet
from ninja import Field
from pydantic import ConfigDict

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import require, restrict

from .choices import HazardKind, HsLevel
from .country_names import alias_code
from .hazard_names import known_name, suggestions
from .models import CommodityGroup, Country, Hazard, HazardSynonym, HsCode, ImportRequirement, ResidueLimit

DECLARABLE_LEVELS = (HsLevel.SUBHEADING, HsLevel.NATIONAL)
_NOT_DIGITS = re.compile(r"[\s.\-]")


def normalise_hs(code: str) -> str:
    return _NOT_DIGITS.sub("", str(code or ""))


def is_pseudo_hs(digits: str) -> bool:
    """Trade-statistics totals such as 9999 / 999999 ("commodities not specified according to kind"): no HS code."""
    return digits.startswith("9999")


def hs_resolve(code: str) -> HsCode | None:
    """A declarable HS code: the 10-digit row if it exists, else its 6-digit parent, else None.

    A 10-digit code that is not on file under a subheading whose national codes are on file is refused (None;
    `hs_suggestions` names the nearest valid ones); under a subheading without national codes on file it
    resolves to the subheading. Pseudo-codes (9999…) are never declarable."""
    digits = normalise_hs(code)
    if not digits.isdigit() or len(digits) not in (6, 8, 10) or is_pseudo_hs(digits):
        return None
    if len(digits) == 10:
        found = HsCode.objects.filter(code=digits, level=HsLevel.NATIONAL).first()
        if found:
            return found
        if HsCode.objects.filter(parent_id=digits[:6], level=HsLevel.NATIONAL).exists():
            return None
    return HsCode.objects.filter(code=digits[:6], level=HsLevel.SUBHEADING).first()


def hs_suggestions(code: str, limit: int = 5) -> list[HsCode]:
    """The valid declarable codes nearest to an unknown one: national codes under its subheading (the closest
    number first), else the subheadings under its heading."""
    digits = normalise_hs(code)
    if not digits.isdigit() or len(digits) < 4 or is_pseudo_hs(digits):
        return []
    candidates = list(HsCode.objects.filter(parent_id=digits[:6], level=HsLevel.NATIONAL))
    if not candidates:
        candidates = list(HsCode.objects.filter(parent_id=digits[:4], level=HsLevel.SUBHEADING))
    target = int(digits.ljust(10, "0"))
    candidates.sort(key=lambda h: (abs(int(h.code.ljust(10, "0")) - target), h.code))
    return candidates[:limit]


def country_resolve(value: str) -> Country | None:
    """A country by alpha-2, alpha-3, English or Chinese name (case-insensitive), old names included."""
    text = str(value or "").strip()
    if not text:
        return None
    if len(text) == 2 and text.isascii():
        return Country.objects.filter(code=text.upper()).first()
    if len(text) == 3 and text.isascii():
        found = Country.objects.filter(alpha3=text.upper()).first()
        if found:
            return found
    found = Country.objects.filter(Q(name_en__iexact=text) | Q(name_zh=text)).first()
    if found:
        return found
    code = alias_code(text)
    if code:
        return Country.objects.filter(code=code).first()
    try:
        match = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return Country.objects.filter(code=match.alpha_2).first()


def import_requirement_for(*, hs, origin) -> ImportRequirement | None:
    """The requirement for this commodity and origin, the most specific HS match first (walks up parents)."""
    hs_code = hs.code if isinstance(hs, HsCode) else normalise_hs(hs)
    origin_code = origin.code if isinstance(origin, Country) else str(origin or "").upper()
    if not hs_code or not origin_code:
        return None
    candidates = [hs_code[:n] for n in (10, 8, 6, 4, 2) if n <= len(hs_code)]
    found = {
        r.hs_id: r
        for r in ImportRequirement.objects.filter(hs_id__in=candidates, origin_id=origin_code)
        .select_related("hs", "origin")
        .prefetch_related("pests")
    }
    for code in candidates:
        if code in found:
            return found[code]
    return None


def require_catalog_view(user) -> None:
    require(user, "catalog.view")


class HsFilters(FilterSet):
    """The HS code list's filters: the page (catalog:hs_list), its export and GET /api/v1/catalog/hs-codes."""

    model_config = ConfigDict(coerce_numbers_to_str=True)  # hs_list(level=10) from other callers

    q: str = Field(
        "", max_length=100, description="Code prefix (digits) or Chinese/English name (part of it)"
    )
    level: one_of(HsLevel, "Level: 2 chapter, 4 heading, 6 subheading, 10 national code") = ""
    group: str = Field("", max_length=30, description="Commodity group code")
    declarable: bool = Field(False, description="Only declarable codes (6-digit subheadings, 10-digit codes)")


def hs_list(*, user, filters: HsFilters | None = None, **given) -> QuerySet:
    """HS codes by code, within the user's reach of the catalogue; `filters` (or its fields as keywords)."""
    f = filters or HsFilters(**given)
    qs = restrict(HsCode.objects.all(), user, "catalog.view").select_related("group")
    if f.q:
        digits = normalise_hs(f.q)
        if digits.isdigit():
            qs = qs.filter(code__startswith=digits)
        else:
            qs = qs.filter(Q(name_zh__icontains=f.q) | Q(name_en__icontains=f.q))
    if f.level:
        qs = qs.filter(level=int(f.level))
    if f.declarable:
        qs = qs.filter(level__in=DECLARABLE_LEVELS)
    if f.group:
        qs = qs.filter(group_id=f.group)
    return qs.order_by("code")


def hs_get(*, user, code: str) -> HsCode:
    found = (
        restrict(HsCode.objects.all(), user, "catalog.view")
        .select_related("group", "parent")
        .filter(code=normalise_hs(code))
    )
    hs = found.first()
    if hs is None:
        raise NotFound()
    return hs


def hs_children(*, hs: HsCode) -> QuerySet:
    return HsCode.objects.filter(parent=hs).order_by("code")


class CountryFilters(FilterSet):
    """The country list's filters: the page (catalog:country_list), its export and GET /api/v1/catalog/countries."""

    q: str = Field(
        "", max_length=100, description="Alpha-2 or alpha-3 code, or Chinese/English name (part of it)"
    )


def country_list(*, user, filters: CountryFilters | None = None, **given) -> QuerySet:
    f = filters or CountryFilters(**given)
    qs = restrict(Country.objects.all(), user, "catalog.view")
    if f.q:
        qs = qs.filter(
            Q(code__iexact=f.q)
            | Q(alpha3__iexact=f.q)
            | Q(name_en__icontains=f.q)
            | Q(name_zh__icontains=f.q)
        )
    return qs.order_by("code")


def commodity_group_list(*, user) -> QuerySet:
    return restrict(CommodityGroup.objects.all(), user, "catalog.view").order_by("code")


class HazardFilters(FilterSet):
    """The hazard list's filters: the page (catalog:hazard_list), its export and GET /api/v1/catalog/hazards."""

    q: str = Field("", max_length=100, description="Code, Chinese, English or scientific name (part of it)")
    kind: one_of(HazardKind, "Kind of hazard") = ""


def hazard_list(*, user, filters: HazardFilters | None = None, **given) -> QuerySet:
    f = filters or HazardFilters(**given)
    qs = restrict(Hazard.objects.all(), user, "catalog.view")
    if f.q:
        qs = qs.filter(
            Q(code__icontains=f.q)
            | Q(name_zh__icontains=f.q)
            | Q(name_en__icontains=f.q)
            | Q(scientific_name__icontains=f.q)
        )
    if f.kind:
        qs = qs.filter(kind=f.kind)
    return qs.order_by("kind", "code")


def hazard_get(*, user, pk: int) -> Hazard:
    hazard = restrict(Hazard.objects.all(), user, "catalog.view").filter(pk=pk).first()
    if hazard is None:
        raise NotFound()
    return hazard


def hazard_by_code(code: str) -> Hazard | None:
    return Hazard.objects.filter(code=str(code or "").strip()).first()


def residue_limit_list(*, user, hazard: Hazard | None = None, hs: str = "") -> QuerySet:
    qs = restrict(ResidueLimit.objects.all(), user, "catalog.view").select_related("hazard", "hs")
    if hazard is not None:
        qs = qs.filter(hazard=hazard)
    if hs:
        qs = qs.filter(hs__code__startswith=normalise_hs(hs))
    return qs.order_by("hazard__code", "hs_id")


class RequirementFilters(FilterSet):
    """The import requirement list's filters: the page (catalog:requirement_list), its export and
    GET /api/v1/catalog/import-requirements."""

    hs: str = Field("", max_length=20, description="HS code prefix")
    origin: str = Field("", max_length=60, description="Origin: code, Chinese or English name")


def import_requirement_list(*, user, filters: RequirementFilters | None = None, **given) -> QuerySet:
    f = filters or RequirementFilters(**given)
    qs = (
        restrict(ImportRequirement.objects.all(), user, "catalog.view")
        .select_related("hs", "origin")
        .prefetch_related("pests")
    )
    if f.hs:
        qs = qs.filter(hs__code__startswith=normalise_hs(f.hs))
    if f.origin:
        country = country_resolve(f.origin)
        qs = qs.filter(origin=country) if country else qs.none()
    return qs.order_by("hs_id", "origin_id")


def import_requirement_get(*, user, pk: int) -> ImportRequirement:
    found = import_requirement_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


# Hazard review queue ------------------------------------------------------------------------------


def hazard_review_queue(*, user, q: str = "") -> QuerySet:
    """Hazards named by foreign notifications that an analyst has not accepted, merged or rejected yet:
    they stay out of the inspector's and the lab's lists until then."""
    qs = restrict(Hazard.objects.filter(needs_review=True, rejected_at=None), user, "catalog.edit")
    text = str(q or "").strip()
    if text:
        qs = qs.filter(Q(name_en__icontains=text) | Q(name_zh__icontains=text) | Q(code__icontains=text))
    return qs.order_by("name_en", "id")


def reviewed_hazards() -> list[tuple]:
    """(id, name_zh, name_en, scientific_name, cas_number, synonym keys) of every hazard in the lists."""
    synonyms: dict[int, list[str]] = {}
    for hazard_id, key in HazardSynonym.objects.values_list("hazard_id", "key"):
        synonyms.setdefault(hazard_id, []).append(key)
    rows = Hazard.objects.filter(needs_review=False).values_list(
        "id", "name_zh", "name_en", "scientific_name", "cas_number"
    )
    return [(*row, synonyms.get(row[0], [])) for row in rows]


def hazard_review_rows(hazards) -> list[dict]:
    """Each queued hazard with the maintained Chinese name of its substance and its suggested matches."""
    reviewed = reviewed_hazards()
    offered = {hazard.pk: suggestions(hazard, reviewed) for hazard in hazards}
    by_id = Hazard.objects.in_bulk({s.hazard_id for found in offered.values() for s in found})
    return [
        {
            "hazard": hazard,
            "known": known_name(hazard.name_en),
            "suggestions": [(by_id[s.hazard_id], s) for s in offered[hazard.pk] if s.hazard_id in by_id],
        }
        for hazard in hazards
    ]
