"""A supervisor assigns or replaces a spot check's inspectors by hand (phone-friendly)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guomen.accounts.models import User
from guomen.core.errors import ApplicationError, NotFound, PermissionDenied
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors

from .. import selectors, services
from ..choices import PlanStatus
from ..forms import AssignForm


def _user(pk):
    return User.objects.filter(pk=pk).first() if pk else None


@login_required
@require_http_methods(["GET", "POST"])
def check_assign(request, pk):
    task = selectors.check_get(user=request.user, pk=pk)
    options = selectors.check_assignment_options(user=request.user, task=task)
    form = AssignForm(
        request.POST or None,
        initial={
            "inspector_a": task.inspector_a_id,
            "inspector_b": task.inspector_b_id,
            "version": task.version,
        },
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_assign_inspectors(
                task=task,
                inspector_a=_user(data["inspector_a"]),
                inspector_b=_user(data["inspector_b"]),
                reason=data["reason"],
                actor=request.user,
                expected_version=data["version"],
            )
        except (PermissionDenied, NotFound):
            raise
        except ApplicationError as exc:
            add_errors(form, exc)
            status = exc.status
        else:
            messages.success(
                request, _("The inspectors were assigned by hand; the assignment is on the record.")
            )
            return redirect("supervision:check_detail", pk=task.pk)
    elif request.method == "POST":
        status = 422
    chosen = {name: form[name].value() for name in ("inspector_a", "inspector_b")}
    return render(
        request,
        "supervision/check_assign.html",
        {
            "task": task,
            "form": form,
            "chosen": {k: str(v or "") for k, v in chosen.items()},
            "eligible": [o for o in options if o["eligible"]],
            "excluded": [o for o in options if not o["eligible"]],
            "open": not task.started and task.plan.status == PlanStatus.DRAWN,
            "timeline": timeline_entries(audit_timeline(obj=task)),
        },
        status=status,
    )
