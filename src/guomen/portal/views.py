"""Public pages (no login): warnings, spot checks, blacklist, credit, decisions, requirements, status."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guomen.core.actions import url_with
from guomen.core.ui import page_of, render_list
from guomen.documents.selectors import public_document_get

from . import ratelimit, selectors, sources
from .choices import DecisionKind
from .forms import ConsignmentForm


def _q(request, name: str = "q", size: int = 100) -> str:
    return request.GET.get(name, "").strip()[:size]


def home(request):
    warnings = sources.consumer_warnings()
    context = {
        "warnings": (warnings or [])[:5],
        "decisions": selectors.public_decision_list()[:5],
    }
    return render(request, "portal/home.html", context)


def warnings(request):
    return render(request, "portal/warnings.html", {"warnings": sources.consumer_warnings()})


PAGE_ROWS = (
    100  # the spot-check results and the blacklist show the latest; the API and the export page through all
)


def spot_checks(request):
    filters = selectors.SpotCheckFilters.from_query(request.GET)
    context = {
        "filters": filters,
        "results": selectors.spot_check_results(filters, limit=PAGE_ROWS),
        "result_choices": getattr(sources.spot_check_result_choices(), "choices", []),
        "page_rows": PAGE_ROWS,
        "export_url": url_with("portal:spot_check_export", filters),
    }
    return render_list(request, "portal/spot_checks.html", "portal/partials/spot_check_rows.html", context)


def blacklist(request):
    filters = selectors.BlacklistFilters.from_query(request.GET)
    context = {
        "filters": filters,
        "entries": selectors.blacklist(filters, limit=PAGE_ROWS),
        "page_rows": PAGE_ROWS,
        "export_url": url_with("portal:blacklist_export", filters),
    }
    return render_list(request, "portal/blacklist.html", "portal/partials/blacklist_rows.html", context)


def credit(request):
    q = _q(request, size=60)
    found = sources.credit(q) if len(q) >= 2 else []
    return render(request, "portal/credit.html", {"q": q, "found": found, "too_short": 0 < len(q) < 2})


def decisions(request):
    filters = selectors.PublicDecisionFilters.from_query(request.GET)
    context = {
        "filters": filters,
        "page_obj": page_of(request, selectors.public_decision_list(filters=filters), per_page=20),
        "kinds": DecisionKind.choices,
        "export_url": url_with("portal:decision_export", filters),
    }
    return render_list(request, "portal/decisions.html", "portal/partials/decision_rows.html", context)


def decision(request, pk: int):
    return render(request, "portal/decision.html", {"d": selectors.public_decision_get(pk=pk)})


def requirements(request):
    filters = selectors.PublicRequirementFilters.from_query(request.GET)
    context = {
        "filters": filters,
        "page_obj": page_of(request, selectors.requirement_list(filters=filters), per_page=30),
        "origins": selectors.requirement_origins(),
        "export_url": url_with("portal:requirement_export", filters),
    }
    return render_list(request, "portal/requirements.html", "portal/partials/requirement_rows.html", context)


def requirement(request, pk: int):
    req = selectors.requirement_get(pk=pk)
    context = {"req": req, "documents": selectors.requirement_documents(req)}
    return render(request, "portal/requirement.html", context)


def document(request, pk: int):
    doc = public_document_get(pk=pk)
    return render(
        request,
        "portal/document.html",
        {"doc": doc, "public_view": True, "replacement_url": "portal:document"},
    )


@require_http_methods(["GET", "POST"])
def consignment(request):
    """Consignment status by number + verification code (also from the QR code of a document)."""
    return ratelimit.number_and_code_lookup(
        request,
        form_class=ConsignmentForm,
        find=selectors.consignment_status,
        not_found=_("No consignment matches this number and code."),
        template="portal/consignment.html",
    )
