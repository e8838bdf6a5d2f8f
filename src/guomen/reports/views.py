"""Statistics, KPI, dashboard, export and report pages: thin adapters over selectors and services."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guomen.core.errors import ApplicationError, NotFound, ValidationFailed
from guomen.core.permissions import can, require
from guomen.core.replica import reads_from_replica
from guomen.core.ui import page_of, render_list

from . import dashboard as dashboard_data
from . import exports, selectors, services, stats
from . import kpis as kpi_data
from .models import ReportFormat
from .periods import Period
from .scope import FILTER_KEYS, build_filter
from .sources import SOURCE_TITLES

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_HISTORY_MONTHS = 36


def _filter_or_errors(request):
    """The filter from the query string, or (None, errors) for bad values."""
    try:
        return build_filter(request.user, request.GET), {}
    except ValidationFailed as exc:
        require(request.user, "report.view")
        return None, exc.fields


def _base_context(request, f, errors) -> dict:
    values = {k: request.GET.get(k, "") for k in FILTER_KEYS}
    if f is not None:
        values["period"] = f.period.key
    return {
        "f": f,
        "errors": errors,
        "values": values,
        **selectors.filter_choices(user=request.user),
        "query": urlencode(f.params()) if f else "",
        "can_export": can(request.user, "report.export"),
    }


@login_required
@require_GET
@reads_from_replica
def kpis(request):
    f, errors = _filter_or_errors(request)
    context = _base_context(request, f, errors)
    if f is not None:
        board = kpi_data.kpi_board(f)
        context["quality"] = [k for k in board if k.definition.group == "quality"]
        context["supervision"] = [k for k in board if k.definition.group == "supervision"]
        context["additional"] = [k for k in board if k.definition.group == "additional"]
    return render_list(request, "reports/kpis.html", "reports/partials/kpi_board.html", context)


@login_required
@require_GET
@reads_from_replica
def statistics(request):
    f, errors = _filter_or_errors(request)
    context = _base_context(request, f, errors)
    if f is not None:
        built = {name: stats.statistics_table(name, f) for name in stats.table_names()}
        context["totals"] = stats.totals(f)
        context["tables"] = [t for t in built.values() if t is not None]
        context["unconnected"] = [
            str(SOURCE_TITLES[k]) for k, t in built.items() if t is None and k in SOURCE_TITLES
        ]
    return render_list(
        request, "reports/statistics.html", "reports/partials/statistics_results.html", context
    )


@login_required
@require_GET
@reads_from_replica
def dashboard(request):
    f, errors = _filter_or_errors(request)
    context = _base_context(request, f, errors)
    if f is not None:
        context["charts"] = dashboard_data.charts(f)
        context["totals"] = stats.totals(f)
    return render_list(request, "reports/dashboard.html", "reports/partials/dashboard_charts.html", context)


@login_required
@require_GET
@reads_from_replica
def records(request):
    f, errors = _filter_or_errors(request)
    context = _base_context(request, f, errors)
    if f is not None:
        context["page_obj"] = page_of(request, selectors.drill_records(f))
    return render_list(request, "reports/records.html", "reports/partials/records_results.html", context)


def exportable(name: str, f):
    """A statistics table or a dashboard table by name (None when unknown or not connected)."""
    if name == "trend":
        return dashboard_data.trend_table(f)
    if name == "heatmap":
        return dashboard_data.heatmap_table(f)
    if name in stats.table_names():
        return stats.statistics_table(name, f)
    return None


@login_required
@require_GET
@reads_from_replica
def export_table(request, name: str, fmt: str):
    require(request.user, "report.export")
    f = build_filter(request.user, request.GET)
    table = exportable(name, f)
    if table is None or fmt not in EXPORT_FORMATS:
        raise NotFound()
    content = exports.table_csv(table) if fmt == "csv" else exports.tables_xlsx([table])
    response = HttpResponse(content, content_type=EXPORT_FORMATS[fmt])
    unit = f.unit.code if f.unit else "all"
    response["Content-Disposition"] = f'attachment; filename="{name}-{unit}-{f.period.key}.{fmt}"'
    return response


@login_required
@require_GET
@reads_from_replica
def export_history(request):
    require(request.user, "report.export")
    f = build_filter(request.user, request.GET)
    text = request.GET.get("months") or "12"
    if not text.isdigit() or not 1 <= int(text) <= MAX_HISTORY_MONTHS:
        raise ValidationFailed(fields={"months": [_("Enter a number of months from 1 to 36.")]})
    content = exports.history_parquet(f, int(text))
    response = HttpResponse(content, content_type="application/vnd.apache.parquet")
    unit = f.unit.code if f.unit else "all"
    response["Content-Disposition"] = (
        f'attachment; filename="inspections-{unit}-{f.period.key}-{text}m.parquet"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def quality_reports(request):
    require(request.user, "report.generate")
    values = {
        "period": Period.current().previous().key,
        "org": request.user.org.code if request.user.org else "",
        "format": ReportFormat.PDF,
    }
    errors: dict = {}
    if request.method == "POST":
        values = {k: (request.POST.get(k) or "").strip() for k in values}
        try:
            job = services.quality_report_request(
                actor=request.user, period=values["period"], org_code=values["org"], fmt=values["format"]
            )
        except ApplicationError as exc:
            errors = exc.fields or {"__all__": [str(exc.message)]}
        else:
            return redirect(reverse("reports:job", args=[job.pk]))
    context = {
        "values": values,
        "errors": errors,
        "formats": ReportFormat.choices,
        "orgs": selectors.filter_choices(user=request.user)["orgs"],
        "page_obj": page_of(request, selectors.quality_report_list(user=request.user)),
    }
    return render(request, "reports/quality_reports.html", context, status=400 if errors else 200)


@login_required
@require_GET
def job(request, pk: int):
    job = selectors.report_job_get(user=request.user, pk=pk)
    report = None
    if job.result and job.result.get("report_id"):
        report = selectors.quality_report_list(user=request.user).filter(pk=job.result["report_id"]).first()
    context = {"job": job, "report": report}
    if getattr(request, "htmx", False):
        return render(request, "reports/partials/job_progress.html", context)
    return render(request, "reports/job.html", context)


@login_required
@require_GET
def report_download(request, pk: int):
    saved = selectors.quality_report_get(user=request.user, pk=pk)
    if not saved.file:
        raise NotFound()
    return FileResponse(saved.file.open("rb"), as_attachment=True, filename=saved.filename)
