"""Excel exports of the public lists (no sign-in: they hold only what the portal publishes).

Each export reads the page's FilterSet from the query string and the page's reader, so it holds exactly the rows
the page would list (all of them, not only the page's latest); at most MAX_EXPORT_ROWS, and a few per client and
window (`ratelimit`, scope `public_export`) since anyone may ask."""

import functools

from django.http import Http404
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET

from guomen.core.actions import url_with
from guomen.core.filters import MAX_EXPORT_ROWS, label_of, xlsx_export
from guomen.core.replica import reads_from_replica

from . import ratelimit, selectors
from .choices import DecisionKind


class Listed:
    """A reader's rows (a list of dicts) read like the queryset `xlsx_export` takes."""

    def __init__(self, rows):
        self.rows = list(rows)

    def count(self) -> int:
        return len(self.rows)

    def __getitem__(self, window):
        return Listed(self.rows[window])

    def iterator(self, chunk_size=None):
        return iter(self.rows)


def _limited(view):
    """A few exports per client and window, counted on the primary (before any read from the replica)."""

    @functools.wraps(view)
    def wrapped(request):
        ratelimit.hit("public_export", ratelimit.client_id(request))
        return view(request)

    return wrapped


def _export(request, rows, columns, *, filename: str, back: str):
    if rows is None:  # the source is not available
        raise Http404
    return xlsx_export(request, rows, columns, filename=filename, back=back)


SPOT_CHECK_COLUMNS = [
    (_l("Enterprise"), lambda r: r["enterprise_name"]),
    (_l("unified social credit code"), lambda r: r["uscc"]),
    (_l("Result"), lambda r: r["result_label"]),
    (_l("Checked on"), lambda r: r["checked_on"]),
    (_l("published on"), lambda r: r["published_on"]),
    (_l("Spot-check plan"), lambda r: r["plan"]),
    (_l("How the inspectors were chosen"), lambda r: r["inspector_selection_label"]),
]
BLACKLIST_COLUMNS = [
    (_l("Enterprise"), lambda e: e["enterprise_name"]),
    (_l("unified social credit code"), lambda e: e["uscc"]),
    (_l("reason"), lambda e: e["reason"]),
    (_l("legal basis"), lambda e: e["legal_basis"]),
    (_l("listed on"), lambda e: e["listed_on"]),
]
KIND_LABEL = label_of(DecisionKind)
DECISION_COLUMNS = [
    (_l("decision number"), lambda d: d.decision_number),
    (_l("type"), lambda d: KIND_LABEL(d.kind)),
    (_l("enterprise name"), lambda d: d.enterprise_name),
    (_l("unified social credit code"), lambda d: d.enterprise_uscc),
    (_l("decision date"), lambda d: d.decided_on),
    (_l("deciding unit"), lambda d: d.org.name),
    (_l("summary"), lambda d: d.summary),
    (_l("legal basis"), lambda d: d.legal_basis),
]

REQUIREMENT_COLUMNS = [
    (_l("HS code"), lambda r: r.hs_id),
    (_l("Commodity"), lambda r: r.hs.display_name),
    (_l("Origin"), lambda r: r.origin.display_name),
    (_l("Access granted"), lambda r: r.access_granted),
    (_l("Quarantine pests of concern"), lambda r: [p.name_zh for p in r.pests.all()]),
    (_l("Required treatment"), lambda r: r.required_treatment),
    (_l("Required marking"), lambda r: r.marking),
    (_l("Registered production base required"), lambda r: r.registered_base_required),
    (_l("Protocol or announcement"), lambda r: r.protocol),
]


@require_GET
@_limited
@reads_from_replica
def spot_check_export(request):
    """The published spot-check results as an XLSX file, with the page's filters (SpotCheckFilters)."""
    filters = selectors.SpotCheckFilters.from_query(request.GET)
    found = selectors.spot_check_results(filters, limit=MAX_EXPORT_ROWS + 1)
    rows = None if found is None else Listed(found)
    back = url_with("portal:spot_checks", filters)
    return _export(request, rows, SPOT_CHECK_COLUMNS, filename="spot-check-results.xlsx", back=back)


@require_GET
@_limited
@reads_from_replica
def blacklist_export(request):
    """The blacklist as an XLSX file, with the page's filters (BlacklistFilters)."""
    filters = selectors.BlacklistFilters.from_query(request.GET)
    found = selectors.blacklist(filters, limit=MAX_EXPORT_ROWS + 1)
    rows = None if found is None else Listed(found)
    back = url_with("portal:blacklist", filters)
    return _export(request, rows, BLACKLIST_COLUMNS, filename="blacklist.xlsx", back=back)


@require_GET
@_limited
@reads_from_replica
def decision_export(request):
    """The published licence and penalty decisions as an XLSX file, with the page's filters (PublicDecisionFilters)."""
    filters = selectors.PublicDecisionFilters.from_query(request.GET)
    rows = selectors.public_decision_list(filters=filters)
    back = url_with("portal:decisions", filters)
    return _export(request, rows, DECISION_COLUMNS, filename="decisions.xlsx", back=back)


@require_GET
@_limited
@reads_from_replica
def requirement_export(request):
    """The import requirements as an XLSX file, with the page's filters (PublicRequirementFilters)."""
    filters = selectors.PublicRequirementFilters.from_query(request.GET)
    rows = selectors.requirement_list(filters=filters)
    back = url_with("portal:requirements", filters)
    return _export(request, rows, REQUIREMENT_COLUMNS, filename="import-requirements.xlsx", back=back)
