"""The inspector's spot checks on the phone, and the supervisor's publication."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.errors import ApplicationError, PermissionDenied
from guomen.core.four_eyes import FourEyesViolation, is_other_person
from guomen.core.permissions import can, org_in_scope, require

from .. import eligibility, selectors, services
from ..choices import CheckStatus, PlanStatus
from ..forms import OUTCOME_CHOICES, ReasonForm, RectifiedForm, checklist_from_post
from ._act import act


@login_required
@require_GET
def my_checks(request):
    require(request.user, "supervision.spotcheck.record")
    return render(request, "supervision/my_checks.html", {"tasks": selectors.my_checks(request.user)})


def _int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _can_assign(user, task) -> bool:
    return (
        can(user, "supervision.spotcheck.assign")
        and org_in_scope(user, task.plan.org)
        and not task.started
        and task.plan.status == PlanStatus.DRAWN
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_detail(request, pk):
    task = selectors.check_get(user=request.user, pk=pk)
    drawn = request.user.pk in (task.inspector_a_id, task.inspector_b_id)
    may_record = (
        drawn and task.status == CheckStatus.ASSIGNED and can(request.user, "supervision.spotcheck.record")
    )
    errors, posted = {}, {}
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied(
                _("Only the two inspectors drawn for this spot check may record its result.")
            )
        posted = checklist_from_post(request.POST, task)
        due = request.POST.get("rectification_due") or None
        try:
            services.check_record(
                task=task,
                items=posted,
                summary=request.POST.get("summary", ""),
                samples_taken=_int(request.POST.get("samples_taken")),
                rectification_due=dt.date.fromisoformat(due) if due else None,
                actor=request.user,
                expected_version=_int(request.POST.get("version"), None),
            )
        except ValueError:
            errors = {"rectification_due": [_("Enter a valid date.")]}
        except ApplicationError as exc:
            errors = exc.fields or {"__all__": [str(exc.message)]}
        else:
            messages.success(request, _("The result was recorded."))
            return redirect("supervision:check_detail", pk=task.pk)
    here = org_in_scope(request.user, task.enterprise.org)
    problem = eligibility.start_problem(task) if task.status == CheckStatus.ASSIGNED else ""
    return render(
        request,
        "supervision/check_detail.html",
        {
            "task": task,
            "items": task.items.all(),
            "outcomes": OUTCOME_CHOICES,
            "can_record": may_record and not problem,
            "start_problem": problem,
            "can_assign": _can_assign(request.user, task),
            "errors": errors,
            "posted": posted,
            "rectified_form": RectifiedForm(),
            "reason_form": ReasonForm(),
            "can_publish": here
            and task.status == CheckStatus.RECORDED
            and can(request.user, "supervision.spotcheck.publish")
            and is_other_person(request.user, *services.check_participants(task)),
            "four_eyes_publish": task.status == CheckStatus.RECORDED,
            "can_rectify": (drawn or here)
            and task.result == "non_conforming"
            and not task.rectified_on
            and can(request.user, "supervision.spotcheck.record"),
        },
        status=422 if errors else 200,
    )


@login_required
@require_POST
def check_publish(request, pk):
    task = selectors.check_get(user=request.user, pk=pk)
    try:
        services.check_publish(task=task, actor=request.user)
    except ApplicationError as exc:
        if exc.status in (403, 404) and not isinstance(exc, FourEyesViolation):
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The result is published on the public portal."))
    return redirect(request.POST.get("next") or reverse("supervision:check_detail", args=[pk]))


@login_required
@require_POST
def check_send_back(request, pk):
    task = selectors.check_get(user=request.user, pk=pk)
    return act(
        request,
        ReasonForm(request.POST),
        lambda d: services.check_send_back(task=task, reason=d["reason"], actor=request.user),
        success=_("The result was sent back to the inspectors."),
        back=reverse("supervision:check_detail", args=[pk]),
    )


@login_required
@require_POST
def check_rectified(request, pk):
    task = selectors.check_get(user=request.user, pk=pk)
    return act(
        request,
        RectifiedForm(request.POST),
        lambda d: services.check_mark_rectified(
            task=task, rectified_on=d["rectified_on"], actor=request.user
        ),
        success=_("The rectification is recorded."),
        back=reverse("supervision:check_detail", args=[pk]),
    )
