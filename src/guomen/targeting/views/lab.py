"""The analysts' lab: frequency levels, risk models (train, promote, retire), backtests, engine settings."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError
from guomen.core.permissions import can, require
from guomen.core.ui import add_errors, page_of

from .. import columns, selectors
from ..choices import STRATEGIES
from ..engine import engine_settings
from ..explain import feature_label
from ..forms import BacktestForm, CapacityForm, ReasonForm, SettingsForm, TrainForm
from ..levels import levels_recompute
from ..services import jobs, models, settings

STRATEGY_LABELS = {
    "rules": _("Rules only"),
    "model": _("Model only"),
    "combined": _("Rules + model"),
    "random": _("Random"),
}


@login_required
@require_GET
def level_list(request):
    require(request.user, "targeting.view")
    filters = selectors.LevelFilters.from_query(request.GET)
    context = {
        "page_obj": page_of(request, selectors.level_list(user=request.user, filters=filters), 50),
        "raised": filters.raised_only,
        "export_url": url_with("targeting:level_export", filters),
        "can_edit": can(request.user, "targeting.edit"),
    }
    return render(request, "targeting/level_list.html", context)


level_export = export_view(
    "targeting.view",
    selectors.level_list,
    selectors.LevelFilters,
    columns.LEVELS,
    filename="frequency-levels.xlsx",
    back="targeting:level_list",
)


@login_required
@require_POST
def level_recompute(request):
    require(request.user, "targeting.edit")
    result = levels_recompute(actor=request.user)
    messages.success(request, _("Frequency levels recomputed: %(changed)d changed.") % result)
    return redirect("targeting:level_list")


@login_required
@require_http_methods(["GET", "POST"])
def model_list(request):
    require(request.user, "targeting.view")
    form = TrainForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "targeting.model")
        if form.is_valid():
            try:
                job = jobs.train_request(actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                add_errors(form, exc)
            else:
                return redirect("targeting:job_detail", pk=job.pk)
    context = {
        "models": selectors.model_list(user=request.user)[:50],
        "form": form,
        "can_train": can(request.user, "targeting.model"),
        "jobs": selectors.job_list(user=request.user, kind=jobs.TRAIN_KIND)[:5],
    }
    return render(request, "targeting/model_list.html", context, status=422 if form.errors else 200)


def _model_context(request, model, form=None):
    return {
        "model": model,
        "meta": model.meta,
        "feature_labels": [feature_label(f) for f in (model.meta or {}).get("features", [])],
        "metrics": model.metrics,
        "form": form or ReasonForm(),
        "can_manage": can(request.user, "targeting.model"),
    }


@login_required
@require_GET
def model_detail(request, pk: int):
    model = selectors.model_get(user=request.user, pk=pk)
    return render(request, "targeting/model_detail.html", _model_context(request, model))


@login_required
@require_POST
def model_action(request, pk: int, action: str):
    require(request.user, "targeting.model")
    model = selectors.model_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    try:
        if action == "promote":
            models.model_promote(model=model, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Model %(name)s is live.") % {"name": model.name})
        else:
            models.model_retire(model=model, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Model %(name)s is retired.") % {"name": model.name})
    except ApplicationError as exc:
        form.is_valid()
        add_errors(form, exc)
        model.refresh_from_db()
        return render(
            request, "targeting/model_detail.html", _model_context(request, model, form), status=422
        )
    return redirect("targeting:model_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def backtest(request):
    require(request.user, "targeting.view")
    form = BacktestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = jobs.backtest_request(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            return redirect("targeting:job_detail", pk=job.pk)
    context = {"form": form, "jobs": selectors.job_list(user=request.user, kind=jobs.BACKTEST_KIND)[:10]}
    return render(request, "targeting/backtest.html", context, status=422 if form.errors else 200)


def _chart(result: dict) -> str:
    weeks = result.get("weeks") or {}
    return json.dumps(
        {
            "labels": weeks.get("labels", []),
            "series": [
                {"name": str(STRATEGY_LABELS[n]), "data": weeks.get("series", {}).get(n, [])}
                for n in STRATEGIES
            ],
            "bars": [
                {"name": str(STRATEGY_LABELS[n]), "value": round(result["strategies"][n]["hit_rate"], 4)}
                for n in STRATEGIES
            ],
            "axis": str(_("Hit rate")),
        },
        ensure_ascii=False,
    )


@login_required
@require_GET
def job_detail(request, pk: int):
    job = selectors.job_get(user=request.user, pk=pk)
    result = job.result if job.status == "succeeded" else None
    rows = []
    if result and "strategies" in result:
        rows = [{"name": STRATEGY_LABELS[n], **result["strategies"][n]} for n in STRATEGIES]
    context = {
        "job": job,
        "result": result,
        "rows": rows,
        "chart": _chart(result) if rows else "",
        "is_backtest": job.kind == jobs.BACKTEST_KIND,
    }
    if getattr(request, "htmx", False):
        return render(request, "targeting/partials/job_progress.html", context)
    return render(request, "targeting/job_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    require(request.user, "targeting.view")
    current = engine_settings()
    initial = {n: getattr(current, n) for n in settings.SETTING_LIMITS}
    form = SettingsForm(request.POST if "random_rate" in request.POST else None, initial=initial)
    capacity_form = CapacityForm(request.POST if "physical_share" in request.POST else None)
    if request.method == "POST":
        require(request.user, "targeting.edit")
        target = form if "random_rate" in request.POST else capacity_form
        if target.is_valid():
            try:
                if target is form:
                    settings.settings_update(actor=request.user, **form.cleaned_data)
                else:
                    settings.capacity_set(actor=request.user, **capacity_form.cleaned_data)
            except ApplicationError as exc:
                add_errors(target, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("targeting:settings")
    context = {
        "form": form,
        "capacity_form": capacity_form,
        "capacities": selectors.capacity_list(user=request.user),
        "settings": current,
        "can_edit": can(request.user, "targeting.edit"),
    }
    return render(
        request, "targeting/settings.html", context, status=422 if request.method == "POST" else 200
    )
