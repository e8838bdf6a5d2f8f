"""Bulk-import pages for master data (catalog and registry kinds): upload, per-row report, templates."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from guomen.core.permissions import require
from guomen.core.tabular import BadImportFile

from .bulk import ImportKind, run_kind_import, template_csv, template_xlsx


def bulk_import(request, kind: ImportKind, *, back_url: str):
    """Upload page for one master-data kind: all rows or none, with each bad row listed."""
    require(request.user, kind.permission)
    context = {"kind": kind, "back_url": back_url, "report": None, "file_error": ""}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = _("Choose a .csv or .xlsx file.")
        else:
            try:
                report = run_kind_import(kind, data=upload.read(), filename=upload.name, actor=request.user)
            except BadImportFile as exc:
                context["file_error"] = "; ".join(m for ms in exc.fields.values() for m in ms) or str(
                    exc.message
                )
            else:
                context["report"] = report
                context["errors"] = [
                    {"row": e.row, "field": kind.column_label(e.field), "message": e.message}
                    for e in report.errors
                ]
    return render(request, "catalog/bulk_import.html", context)


def bulk_template(request, kind: ImportKind, fmt: str):
    require(request.user, kind.permission)
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(template_xlsx(kind), content_type=content_type)
    else:
        fmt = "csv"
        response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind.slug}-template.{fmt}"'
    return response
