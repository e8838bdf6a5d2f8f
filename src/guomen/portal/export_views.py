"""Excel exports of the public lists (no sign-in: they hold only what the portal publishes).

Each export reads the page's FilterSet from the query string and the page's reader, so it holds exactly the rows
the page would list (all of them, not only the page's latest); at most MAX_EXPORT_ROWS, and a few per client and
window (`ratelimit`, scope `public_export`) since anyone may ask."""

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


def _public_export(filters, read, columns, *, filename: str, back: str):
    """A public list's export for anyone: the page's FilterSet, `read(filters)` its published rows (None when the
    source is not available: 404); a few exports per client and window, counted on the primary (before any read
    from the replica)."""

    @require_GET
    def view(request):
        ratelimit.hit("public_export", ratelimit.client_id(request))
        return _from_replica(request)

    @reads_from_replica
    def _from_replica(request):
        given = filters.from_query(request.GET)
        rows = read(given)
        if rows is None:
            raise Http404
        return xlsx_export(request, rows, columns, filename=filename, back=url_with(back, given))

    return view


def _listed(reader):
    """A reader of dicts (at most one more than an export holds) as rows `xlsx_export` takes."""

    def read(filters):
        found = reader(filters, limit=MAX_EXPORT_ROWS + 1)
        return None if found is None else Listed(found)

    return read


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


spot_check_export = _public_export(
    selectors.SpotCheckFilters,
    _listed(selectors.spot_check_results),
    SPOT_CHECK_COLUMNS,
    filename="spot-check-results.xlsx",
    back="portal:spot_checks",
)
blacklist_export = _public_export(
    selectors.BlacklistFilters,
    _listed(selectors.blacklist),
    BLACKLIST_COLUMNS,
    filename="blacklist.xlsx",
    back="portal:blacklist",
)
decision_export = _public_export(  # the published licence and penalty decisions
    selectors.PublicDecisionFilters,
    lambda f: selectors.public_decision_list(filters=f),
    DECISION_COLUMNS,
    filename="decisions.xlsx",
    back="portal:decisions",
)
requirement_export = _public_export(
    selectors.PublicRequirementFilters,
    lambda f: selectors.requirement_list(filters=f),
    REQUIREMENT_COLUMNS,
    filename="import-requirements.xlsx",
    back="portal:requirements",
)
