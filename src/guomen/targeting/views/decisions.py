"""A decision explained for analysts and supervisors, and supervisor re-routing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guomen.clearance import services as clearance
from guomen.core.errors import ApplicationError
from guomen.core.permissions import can, org_in_scope
from guomen.core.ui import add_errors

from .. import selectors
from ..explain import explanation_lines
from ..forms import RerouteForm


def _context(request, decision, form=None):
    declaration = decision.declaration
    may_reroute = (
        can(request.user, "targeting.reroute")
        and org_in_scope(request.user, declaration.port)
        and declaration.status == "under_inspection"
    )
    return {
        "decision": decision,
        "d": declaration,
        "lines": explanation_lines(decision),
        "form": form or RerouteForm(may_release=not decision.mandatory),
        "may_reroute": may_reroute,
    }


@login_required
@require_GET
def decision_detail(request, number: str):
    decision = selectors.decision_get(user=request.user, number=number)
    return render(request, "targeting/decision_detail.html", _context(request, decision))


@login_required
@require_POST
def decision_reroute(request, number: str):
    decision = selectors.decision_get(user=request.user, number=number)
    form = RerouteForm(request.POST, may_release=not decision.mandatory)
    if form.is_valid():
        try:
            clearance.clearance_reroute(
                declaration=decision.declaration, actor=request.user, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Declaration re-routed."))
            return redirect("targeting:decision_detail", number=number)
    return render(request, "targeting/decision_detail.html", _context(request, decision, form), status=422)
