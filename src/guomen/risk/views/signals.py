"""Risk pages: dashboard, signals, clusters, foreign notifications, mapping table, inbox."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.accounts.models import OrgUnit
from guomen.catalog.models import CommodityGroup, Country
from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError, NotFound
from guomen.core.permissions import can, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, page_of, render_list

from .. import columns, selectors, services
from ..choices import Classification, MappingKind, RasffClassification, SignalSource
from ..dashboard import dashboard_data
from ..early_warnings import assessment_create
from ..forms import AssessmentForm, MappingForm, ReasonForm, SignalForm, bootstrap
from ..inbox import inbox_mark_read


def _date(value, default):
    return parse_date(value or "") or default


@login_required
@require_GET
def dashboard(request):
    require(request.user, "risk.view")
    today = timezone.localdate()
    date_to = _date(request.GET.get("to"), today)
    date_from = _date(request.GET.get("from"), date_to - dt.timedelta(days=90))
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    org = request.GET.get("org", "").strip()
    data = dashboard_data(user=request.user, date_from=date_from, date_to=date_to, org=org, today=today)
    charts = {
        "over_time": [[r["label"], r["n"]] for r in data["over_time"]],
        "by_hazard": [[r["label"], r["n"]] for r in data["by_hazard"]],
        "by_origin": [[r["label"], r["n"]] for r in data["by_origin"]],
        "by_group": [[r["label"], r["n"]] for r in data["by_group"]],
        "by_state": [[r["label"], r["n"]] for r in data["warnings_by_state"]],
    }
    units = OrgUnit.objects.order_by("path")
    if not request.user.is_superuser and request.user.org_id:
        units = units.filter(path__startswith=request.user.org.path)
    context = {
        "data": data,
        "charts": charts,
        "date_from": date_from,
        "date_to": date_to,
        "org": org,
        "units": units,
        "today": today,
    }
    return render(request, "risk/dashboard.html", context)


@login_required
@require_GET
def signal_list(request):
    require(request.user, "risk.view")
    filters = selectors.SignalFilters.from_query(request.GET)
    qs = selectors.signal_list(user=request.user, filters=filters)
    f = {
        k: request.GET.get(k, "").strip() for k in ("source", "q", "from", "to", "origin", "group", "hazard")
    }
    context = {
        "page_obj": page_of(request, qs),
        "f": f,
        "sources": SignalSource.choices,
        "groups": CommodityGroup.objects.all(),
        "can_edit": can(request.user, "risk.edit"),
    }
    return render_list(request, "risk/signal_list.html", "risk/partials/signal_rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def signal_new(request):
    require(request.user, "risk.edit")
    form = bootstrap(SignalForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            signal = services.signal_enter(actor=request.user, data=form.cleaned_data)
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Signal recorded."))
            return redirect("risk:signal_detail", signal.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "risk/signal_form.html", {"form": form}, status=status)


@login_required
@require_GET
def signal_detail(request, pk: int):
    require(request.user, "risk.view")
    signal = selectors.signal_get(user=request.user, pk=pk)
    context = {
        "signal": signal,
        "assessments": signal.assessments.select_related("assessed_by").order_by("-id"),
        "form": bootstrap(AssessmentForm()),
        "can_edit": can(request.user, "risk.edit"),
        "events": timeline_entries(audit_timeline(obj=signal)),
    }
    return render(request, "risk/signal_detail.html", context)


def _assess(request, *, cluster=None, signal=None):
    form = bootstrap(AssessmentForm(request.POST))
    if form.is_valid():
        try:
            assessment = assessment_create(
                actor=request.user, data=form.cleaned_data, cluster=cluster, signal=signal
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Assessment recorded."))
            if assessment.classification != Classification.NEWS and assessment.risk_decision != "no_risk":
                return redirect(f"{_warning_new_url()}?assessment={assessment.pk}")
            return redirect(request.path.rsplit("assess/", 1)[0])
    for error in form.errors.values():
        messages.error(request, "; ".join(error))
    return redirect(request.path.rsplit("assess/", 1)[0])


def _warning_new_url():
    from django.urls import reverse

    return reverse("risk:warning_new")


@login_required
@require_POST
def signal_assess(request, pk: int):
    require(request.user, "risk.edit")
    signal = selectors.signal_get(user=request.user, pk=pk)
    if signal.cluster_id:
        return _assess(request, cluster=signal.cluster)
    return _assess(request, signal=signal)


@login_required
@require_GET
def cluster_list(request):
    require(request.user, "risk.view")
    filters = selectors.ClusterFilters.from_query(request.GET)
    context = {
        "page_obj": page_of(request, selectors.cluster_list(user=request.user, filters=filters)),
        "status": filters.status,
        "export_url": url_with("risk:cluster_export", filters),
    }
    return render(request, "risk/cluster_list.html", context)


cluster_export = export_view(
    "risk.view",
    selectors.cluster_list,
    selectors.ClusterFilters,
    columns.CLUSTERS,
    filename="signal-clusters.xlsx",
    back="risk:cluster_list",
)


@login_required
@require_http_methods(["GET", "POST"])
def cluster_detail(request, pk: int):
    require(request.user, "risk.view")
    cluster = selectors.cluster_get(user=request.user, pk=pk)
    if request.method == "POST":
        require(request.user, "risk.edit")
        return _assess(request, cluster=cluster)
    context = {
        "cluster": cluster,
        "history": selectors.cluster_history(cluster=cluster),
        "assessments": cluster.assessments.select_related("assessed_by").order_by("-id"),
        "form": bootstrap(AssessmentForm()),
        "close_form": ReasonForm(),
        "can_edit": can(request.user, "risk.edit"),
        "events": timeline_entries(audit_timeline(obj=cluster)),
    }
    return render(request, "risk/cluster_detail.html", context)


@login_required
@require_POST
def cluster_close(request, pk: int):
    require(request.user, "risk.edit")
    cluster = selectors.cluster_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.cluster_close(cluster=cluster, actor=request.user, reason=reason)
    except ApplicationError as exc:
        messages.error(request, "; ".join(m for ms in exc.fields.values() for m in ms) or str(exc.message))
    else:
        messages.success(request, _("Cluster closed."))
    return redirect("risk:cluster_detail", pk)


@login_required
@require_GET
def notification_list(request):
    require(request.user, "risk.view")
    f = {k: request.GET.get(k, "").strip() for k in ("q", "classification", "origin")}
    qs = selectors.foreign_notification_list(
        user=request.user, q=f["q"], classification=f["classification"], origin=f["origin"].upper()
    )
    classifications = RasffClassification.choices
    context = {"page_obj": page_of(request, qs), "f": f, "classifications": classifications}
    return render_list(
        request, "risk/notification_list.html", "risk/partials/notification_rows.html", context
    )


@login_required
@require_GET
def notification_detail(request, pk: int):
    require(request.user, "risk.view")
    notification = selectors.foreign_notification_get(user=request.user, pk=pk)
    return render(request, "risk/notification_detail.html", {"n": notification})


@login_required
@require_GET
def mapping_list(request):
    require(request.user, "risk.edit")
    kind = request.GET.get("kind", MappingKind.CATEGORY)
    unreviewed = request.GET.get("unreviewed") == "1"
    rows = selectors.mapping_list(user=request.user, kind=kind, unreviewed=unreviewed)
    context = {
        "page_obj": page_of(request, rows, per_page=50),
        "kind": kind,
        "unreviewed": unreviewed,
        "groups": CommodityGroup.objects.all(),
        "countries": Country.objects.all() if kind == MappingKind.ORIGIN else [],
        "kinds": MappingKind.choices,
    }
    return render(request, "risk/mapping_list.html", context)


@login_required
@require_POST
def mapping_edit(request, pk: int):
    require(request.user, "risk.edit")
    mapping = selectors.mapping_list(user=request.user).filter(pk=pk).first()
    if mapping is None:
        raise NotFound()
    form = MappingForm(request.POST)
    if form.is_valid():
        try:
            services.mapping_update(
                mapping=mapping,
                actor=request.user,
                commodity_group=form.cleaned_data["commodity_group"],
                country=form.cleaned_data["country"],
                reviewed=form.cleaned_data["reviewed"],
                expected_version=form.cleaned_data["version"] or mapping.version,
            )
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Mapping of “%(text)s” saved.") % {"text": mapping.text})
    next_url = request.POST.get("next") or ""
    return redirect(next_url if next_url.startswith("/risk/") else "risk:mapping_list")


@login_required
@require_GET
def inbox(request):
    require(request.user, "risk.inbox")
    qs = selectors.inbox_list(user=request.user)
    return render(request, "risk/inbox.html", {"page_obj": page_of(request, qs)})


@login_required
@require_POST
def inbox_read(request):
    require(request.user, "risk.inbox")
    message_id = request.POST.get("message")
    inbox_mark_read(
        user=request.user, message_id=int(message_id) if str(message_id or "").isdigit() else None
    )
    return redirect("risk:inbox")
