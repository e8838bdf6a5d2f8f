"""Release overrides: asked for on the confirmation card, decided by a bureau leader, listed as a report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError
from guomen.core.permissions import require
from guomen.core.ui import page_of
from guomen.inspections import selectors as inspections

from . import columns, selectors, services
from .choices import OverrideStatus
from .forms import OverrideDecisionForm, OverrideRequestForm


def _errors(exc: ApplicationError) -> str:
    parts = [str(exc.message)] + [m for msgs in exc.fields.values() for m in msgs]
    parts += [f"{r['message']}：{'；'.join(r['evidence'])}" for r in getattr(exc, "rules", [])]
    return " ".join(parts)


@login_required
@require_POST
def override_request(request, task_pk):
    require(request.user, "clearance.override.request")
    task = inspections.task_detail(request.user, task_pk)
    form = OverrideRequestForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        services.override_request(
            task=task,
            disposition=data.get("disposition", ""),
            conditions=data.get("conditions", ""),
            reason=data.get("reason", ""),
            actor=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("The override request was sent to a bureau leader."))
    return redirect("inspections:task_detail", pk=task.pk)


@login_required
@require_GET
def override_list(request):
    require(request.user, "clearance.override.view")
    filters = selectors.OverrideFilters.from_query(request.GET)
    context = {
        "page": page_of(request, selectors.override_list(user=request.user, filters=filters)),
        "status": filters.status,
        "statuses": OverrideStatus.choices,
        "filters": filters,
        "export_url": url_with("clearance:override_export", filters),
    }
    return render(request, "clearance/overrides.html", context)


override_export = export_view(
    "clearance.override.view",
    selectors.override_list,
    selectors.OverrideFilters,
    columns.OVERRIDES,
    filename="release-overrides.xlsx",
    back="clearance:overrides",
)


@login_required
@require_http_methods(["GET", "POST"])
def override_detail(request, pk):
    require(request.user, "clearance.override.view")
    override = selectors.override_get(user=request.user, pk=pk)
    form = OverrideDecisionForm(request.POST or None, initial={"expected_version": override.version})
    if request.method == "POST":
        form.is_valid()
        data = form.cleaned_data
        grant = request.POST.get("decision") == "grant"
        try:
            if grant:
                services.override_grant(
                    override=override,
                    actor=request.user,
                    reason=data.get("reason", ""),
                    expected_version=data.get("expected_version"),
                )
                messages.success(request, _("Override granted; the goods are released."))
            else:
                services.override_refuse(
                    override=override,
                    actor=request.user,
                    reason=data.get("reason", ""),
                    expected_version=data.get("expected_version"),
                )
                messages.success(request, _("Override refused."))
        except ApplicationError as exc:
            messages.error(request, _errors(exc))
        return redirect("clearance:override_detail", pk=override.pk)
    card = selectors.release_card(override.task, request.user)
    return render(
        request, "clearance/override_detail.html", {"override": override, "form": form, "card": card}
    )
