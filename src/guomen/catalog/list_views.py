"""Catalogue lists (HS codes, countries, hazards, import requirements) and their Excel exports.

Each list's filters are the FilterSet next to its selector, the one its API operation takes; the export is scoped
and filtered like the page (same selector) and linked from the rows partial with the filters shown."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET

from guomen.core.actions import export_view, url_with
from guomen.core.filters import label_of
from guomen.core.permissions import can, require
from guomen.core.ui import PER_PAGE, page_of, render_list

from . import selectors
from .choices import HazardKind, HsLevel


def _list_page(request, name: str, selector, filters_class, per_page: int = PER_PAGE, **extra):
    """`catalog/<name>_list.html` (its rows `catalog/partials/<name>_rows.html` for HTMX) with the export link."""
    require(request.user, "catalog.view")
    filters = filters_class.from_query(request.GET)
    context = {
        "page_obj": page_of(request, selector(user=request.user, filters=filters), per_page),
        "filters": filters,
        "export_url": url_with(f"catalog:{name}_export", filters),
        **extra,
    }
    return render_list(request, f"catalog/{name}_list.html", f"catalog/partials/{name}_rows.html", context)


@login_required
@require_GET
def hs_list(request):
    groups = selectors.commodity_group_list(user=request.user)
    levels = [(str(value), label) for value, label in HsLevel.choices]
    return _list_page(request, "hs", selectors.hs_list, selectors.HsFilters, levels=levels, groups=groups)


@login_required
@require_GET
def country_list(request):
    return _list_page(request, "country", selectors.country_list, selectors.CountryFilters, per_page=50)


@login_required
@require_GET
def hazard_list(request):
    return _list_page(
        request,
        "hazard",
        selectors.hazard_list,
        selectors.HazardFilters,
        kinds=HazardKind.choices,
        can_edit=can(request.user, "catalog.edit"),
    )


@login_required
@require_GET
def requirement_list(request):
    return _list_page(
        request,
        "requirement",
        selectors.import_requirement_list,
        selectors.RequirementFilters,
        can_edit=can(request.user, "catalog.edit"),
    )


LEVEL_LABEL, KIND_LABEL = label_of(HsLevel), label_of(HazardKind)

HS_COLUMNS = [
    (_l("HS code"), lambda h: h.code),
    (_l("level"), lambda h: LEVEL_LABEL(str(h.level))),
    (_l("Chinese name"), lambda h: h.name_zh),
    (_l("English description"), lambda h: h.name_en),
    (_l("commodity group"), lambda h: h.group.display_name if h.group_id else ""),
]
COUNTRY_COLUMNS = [
    (_l("code"), lambda c: c.code),
    (_l("alpha-3 code"), lambda c: c.alpha3),
    (_l("Chinese name"), lambda c: c.name_zh),
    (_l("English name"), lambda c: c.name_en),
]
HAZARD_COLUMNS = [
    (_l("code"), lambda h: h.code),
    (_l("kind"), lambda h: KIND_LABEL(h.kind)),
    (_l("Chinese name"), lambda h: h.name_zh),
    (_l("English name"), lambda h: h.name_en),
    (_l("scientific name"), lambda h: h.scientific_name),
    (_l("CAS number"), lambda h: h.cas_number),
]
REQUIREMENT_COLUMNS = [
    (_l("HS code"), lambda r: r.hs_id),
    (_l("commodity"), lambda r: r.hs.display_name),
    (_l("origin"), lambda r: r.origin.display_name),
    (_l("access granted"), lambda r: r.access_granted),
    (_l("pests of concern"), lambda r: [p.name_zh for p in r.pests.all()]),
    (_l("required treatment"), lambda r: r.required_treatment),
    (_l("required marking"), lambda r: r.marking),
    (_l("registered production base required"), lambda r: r.registered_base_required),
    (_l("protocol or announcement"), lambda r: r.protocol),
]

hs_export = export_view(
    "catalog.view",
    selectors.hs_list,
    selectors.HsFilters,
    HS_COLUMNS,
    filename="hs-codes.xlsx",
    back="catalog:hs_list",
)
country_export = export_view(
    "catalog.view",
    selectors.country_list,
    selectors.CountryFilters,
    COUNTRY_COLUMNS,
    filename="countries.xlsx",
    back="catalog:country_list",
)
hazard_export = export_view(
    "catalog.view",
    selectors.hazard_list,
    selectors.HazardFilters,
    HAZARD_COLUMNS,
    filename="hazards.xlsx",
    back="catalog:hazard_list",
)
requirement_export = export_view(
    "catalog.view",
    selectors.import_requirement_list,
    selectors.RequirementFilters,
    REQUIREMENT_COLUMNS,
    filename="import-requirements.xlsx",
    back="catalog:requirement_list",
)
