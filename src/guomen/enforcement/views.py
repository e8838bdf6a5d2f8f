"""Enforcement page: the unit's interviews, commitments and case handovers, with the forms to record them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guomen.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from guomen.core.permissions import can, require, restrict
from guomen.registry.models import Enterprise

from . import selectors, services
from .forms import CommitmentForm, HandoverForm, HoldForm, InterviewForm


def _enterprise(user, uscc: str):
    if not uscc:
        return None
    found = restrict(Enterprise.objects.filter(uscc=uscc.strip()), user, "enterprise.view").first()
    if found is None:
        raise ValidationFailed(fields={"enterprise": [_("No such enterprise that you may see.")]})
    return found


def _run(request, call, success) -> None:
    try:
        call()
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, " ".join(p for ps in exc.fields.values() for p in ps) or str(exc.message))
    else:
        messages.success(request, success)


def _invalid(request, form) -> bool:
    if form.is_valid():
        return False
    messages.error(
        request,
        " ".join(
            f"{form.fields[k].label if k in form.fields else ''}: {e}"
            for k, errs in form.errors.items()
            for e in errs
        ),
    )
    return True


@login_required
@require_http_methods(["GET", "POST"])
def overview(request):
    require(request.user, "enforcement.view")
    if request.method == "POST":
        which = request.POST.get("form", "")
        form_class = {"interview": InterviewForm, "commitment": CommitmentForm, "handover": HandoverForm}.get(
            which
        )
        if form_class is None:
            raise NotFound()
        form = form_class(request.POST)
        if not _invalid(request, form):
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
            _run(request, calls[which], _("Saved."))
        return redirect("enforcement:list")
    staff = request.user.role != "enterprise"
    context = {
        "interviews": selectors.interview_list(user=request.user)[:50],
        "commitments": selectors.commitment_list(user=request.user)[:50],
        "handovers": selectors.handover_list(user=request.user)[:50],
        "can_edit": staff and can(request.user, "enforcement.edit"),
        "can_record": staff and can(request.user, "enforcement.record"),
        "interview_form": InterviewForm(),
        "commitment_form": CommitmentForm(),
        "handover_form": HandoverForm(),
        "hold_form": HoldForm(),
    }
    return render(request, "enforcement/overview.html", context)


@login_required
@require_POST
def interview_hold(request, pk):
    interview = selectors.interview_get(user=request.user, pk=pk)
    form = HoldForm(request.POST)
    if not _invalid(request, form):
        _run(
            request,
            lambda: services.interview_hold(interview=interview, actor=request.user, **form.cleaned_data),
            _("The interview was recorded; it counts in the enterprise's credit."),
        )
    return redirect("enforcement:list")
