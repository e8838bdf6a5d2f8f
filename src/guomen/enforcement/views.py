"""Enforcement page: the unit's interviews, commitments and case handovers, with the forms to record them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from guomen.core.actions import action_view, form_problems, run_flashed
from guomen.core.errors import NotFound
from guomen.core.permissions import can, require
from guomen.registry.selectors import enterprise_named

from . import selectors, services
from .forms import (
    CommitmentForm,
    HandoverForm,
    HoldForm,
    InterviewForm,
    PartnerForm,
    PartnerStatusForm,
)

FORMS = {
    "interview": InterviewForm,
    "commitment": CommitmentForm,
    "handover": HandoverForm,
    "partner": PartnerForm,
}


def _enterprise(user, uscc: str):
    return enterprise_named(user=user, uscc=uscc) if uscc else None


@login_required
@require_http_methods(["GET", "POST"])
def overview(request):
    require(request.user, "enforcement.view")
    if request.method == "POST":
        which = request.POST.get("form", "")
        form_class = FORMS.get(which)
        if form_class is None:
            raise NotFound()
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, form_problems(form))
        else:
            d = dict(form.cleaned_data)
            user = request.user
            calls = {
                "interview": lambda: services.interview_schedule(
                    enterprise=_enterprise(user, d["enterprise"]),
                    scheduled_on=d["scheduled_on"],
                    subject=d["subject"],
                    actor=user,
                ),
                "commitment": lambda: services.commitment_record(
                    enterprise=_enterprise(user, d["enterprise"]),
                    kind=d["kind"],
                    signed_on=d["signed_on"],
                    valid_until=d["valid_until"],
                    text=d["text"],
                    actor=user,
                ),
                "partner": lambda: services.partner_invite(
                    campaign=selectors.campaign_named(user=user, code=d["campaign"]),
                    agency=d["agency"],
                    agency_office=d["agency_office"],
                    role=d["role"],
                    actor=user,
                ),
                "handover": lambda: services.handover_record(
                    enterprise=_enterprise(user, d["enterprise"]),
                    direction=d["direction"],
                    agency=d["agency"],
                    agency_office=d["agency_office"],
                    subject=d["subject"],
                    handed_on=d["handed_on"],
                    reference=d["reference"],
                    actor=user,
                ),
            }
            run_flashed(request, calls[which], _("Saved."))
        return redirect("enforcement:list")
    staff = request.user.role != "enterprise"
    context = {
        "interviews": selectors.interview_list(user=request.user)[:50],
        "commitments": selectors.commitment_list(user=request.user)[:50],
        "handovers": selectors.handover_list(user=request.user)[:50],
        "partners": selectors.partner_list(user=request.user).order_by("-campaign__starts_on", "agency")[:50],
        "partner_form": PartnerForm(),
        "can_edit": staff and can(request.user, "enforcement.edit"),
        "can_record": staff and can(request.user, "enforcement.record"),
        "interview_form": InterviewForm(),
        "commitment_form": CommitmentForm(),
        "handover_form": HandoverForm(),
        # the widgets of the per-row forms, rendered once for every row (not 50 times)
        "hold_fields": [str(field) for field in HoldForm()],
        "partner_status_fields": [str(field) for field in PartnerStatusForm()],
    }
    return render(request, "enforcement/overview.html", context)


# fmt: off
interview_hold = action_view(lambda user, pk: selectors.interview_get(user=user, pk=pk), HoldForm, services.interview_hold, "interview", gettext_lazy("The interview was recorded; it counts in the enterprise's credit."), lambda interview: reverse("enforcement:list"))
partner_status = action_view(lambda user, pk: selectors.partner_get(user=user, pk=pk), PartnerStatusForm, services.partner_set_status, "partner", gettext_lazy("The partner agency's status was changed."), lambda partner: reverse("enforcement:list"))
# fmt: on
