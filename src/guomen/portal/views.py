"""Public pages (no login): warnings, spot checks, blacklist, credit, decisions, requirements, status."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guomen.core.ui import page_of
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


def spot_checks(request):
    filters = {"q": _q(request), "result": _q(request, "result", 20), "year": _q(request, "year", 4)}
    if not filters["year"].isdigit():
        filters["year"] = ""
    results = sources.spot_check_results({**filters, "limit": 100})
    return render(request, "portal/spot_checks.html", {"filters": filters, "results": results})


def blacklist(request):
    filters = {"q": _q(request)}
    return render(
        request, "portal/blacklist.html", {"filters": filters, "entries": sources.blacklist(filters)}
    )


def credit(request):
    q = _q(request, size=60)
    found = sources.credit(q) if len(q) >= 2 else []
    return render(request, "portal/credit.html", {"q": q, "found": found, "too_short": 0 < len(q) < 2})


def decisions(request):
    kind = _q(request, "kind", 10)
    filters = {
        "kind": kind if kind in DecisionKind.values else "",
        "q": _q(request),
        "year": _q(request, "year", 4),
    }
    page = page_of(request, selectors.public_decision_list(**filters), per_page=20)
    return render(
        request,
        "portal/decisions.html",
        {"filters": filters, "page_obj": page, "kinds": DecisionKind.choices},
    )


def decision(request, pk: int):
    return render(request, "portal/decision.html", {"d": selectors.public_decision_get(pk=pk)})


def requirements(request):
    filters = {"commodity": _q(request, "commodity", 60), "origin": _q(request, "origin", 60)}
    page = page_of(request, selectors.requirement_list(**filters), per_page=30)
    context = {"filters": filters, "page_obj": page, "origins": selectors.requirement_origins()}
    return render(request, "portal/requirements.html", context)


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
