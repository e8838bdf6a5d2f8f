"""Control-measure pages: list, impose, detail with timeline, extend, lift."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError
from guomen.core.permissions import can, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, page_of, render_list

from .. import columns, selectors, services
from ..choices import MeasureStatus
from ..forms import MeasureExtendForm, MeasureForm, ReasonForm


@login_required
@require_GET
def measure_list(request):
    require(request.user, "targeting.view")
    filters = selectors.MeasureFilters.from_query(request.GET)
    context = {
        "page_obj": page_of(request, selectors.measure_list(user=request.user, filters=filters)),
        "status": filters.status,
        "q": filters.q,
        "export_url": url_with("targeting:measure_export", filters),
        "statuses": MeasureStatus.choices,
        "can_edit": can(request.user, "targeting.measure"),
    }
    return render_list(
        request, "targeting/measure_list.html", "targeting/partials/measure_results.html", context
    )


measure_export = export_view(
    "targeting.view",
    selectors.measure_list,
    selectors.MeasureFilters,
    columns.MEASURES,
    filename="control-measures.xlsx",
    back="targeting:measure_list",
)


@login_required
@require_http_methods(["GET", "POST"])
def measure_new(request):
    require(request.user, "targeting.measure")
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.control_measure_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Tightened inspection imposed."))
            return redirect("targeting:measure_detail", pk=measure.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "targeting/measure_form.html", {"form": form}, status=status)


def _detail_context(request, measure, **forms):
    return {
        "measure": measure,
        "hits": list(measure.hits.select_related("declaration").order_by("-routed_at")[:50]),
        "timeline": timeline_entries(audit_timeline(obj=measure)),
        "can_edit": can(request.user, "targeting.measure") and measure.status == MeasureStatus.ACTIVE,
        "extend_form": forms.get("extend_form") or MeasureExtendForm(),
        "lift_form": forms.get("lift_form") or ReasonForm(),
    }


@login_required
@require_GET
def measure_detail(request, pk: int):
    measure = selectors.measure_get(user=request.user, pk=pk)
    return render(request, "targeting/measure_detail.html", _detail_context(request, measure))


@login_required
@require_POST
def measure_extend(request, pk: int):
    require(request.user, "targeting.measure")
    measure = selectors.measure_get(user=request.user, pk=pk)
    form = MeasureExtendForm(request.POST)
    if form.is_valid():
        try:
            services.control_measure_extend(
                measure=measure,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                more_consignments=form.cleaned_data["more_consignments"] or 0,
                ends_on=form.cleaned_data["ends_on"],
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Measure extended."))
            return redirect("targeting:measure_detail", pk=pk)
    context = _detail_context(request, measure, extend_form=form)
    return render(request, "targeting/measure_detail.html", context, status=422)


@login_required
@require_POST
def measure_lift(request, pk: int):
    require(request.user, "targeting.measure")
    measure = selectors.measure_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.control_measure_lift(
                measure=measure, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Measure lifted."))
            return redirect("targeting:measure_detail", pk=pk)
    context = _detail_context(request, measure, lift_form=form)
    return render(request, "targeting/measure_detail.html", context, status=422)
