"""View helpers shared by the catalog and registry pages: lists, edit forms, bulk import, timelines."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guomen.core.errors import ApplicationError, NotFound, PermissionDenied
from guomen.core.permissions import can
from guomen.core.tabular import BadImportFile

from .bulk import ImportKind, run_kind_import, template_csv, template_xlsx

PER_PAGE = 25

VERB_LABELS = {
    "create": gettext_lazy("Created"),
    "update": gettext_lazy("Edited"),
    "active": gettext_lazy("Reactivated"),
    "suspended": gettext_lazy("Suspended"),
    "revoked": gettext_lazy("Revoked"),
}


def guarded(view):
    """Turn selector/service refusals outside a form into 404 / 403 pages (never a 500)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc.message)) from exc
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(str(exc.message)) from exc

    return login_required(wrapper)


def page_of(request, qs, per_page: int = PER_PAGE):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def render_list(request, template: str, partial: str, context: dict):
    """The whole page, or only the results when HTMX asks (search-as-you-type)."""
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        return render(request, partial, context)
    return render(request, template, context)


def forbid_unless(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied()


def add_errors(form, exc: ApplicationError) -> None:
    """Show a service error on the fields it names (or at the top of the form)."""
    if not exc.fields:
        form.add_error(None, str(exc.message))
        return
    for name, problems in exc.fields.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


def save_form(request, form, save, *, success: str, redirect_to):
    """Validate the form, call the service; on success redirect, else return None (re-render)."""
    if not form.is_valid():
        return None
    try:
        obj = save(form)
    except ApplicationError as exc:
        add_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(redirect_to(obj))


def timeline_entries(events) -> list[dict]:
    entries = []
    for event in events:
        action = event.verb.rsplit(".", 1)[-1]
        changed = sorted((event.after or {}).keys()) if action == "update" else []
        entries.append(
            {
                "at": event.at,
                "actor": event.actor,
                "actor_label": event.actor_label,
                "reason": event.reason,
                "label": str(VERB_LABELS.get(action, event.verb)),
                "detail": "、".join(changed),
            }
        )
    return entries


def bulk_import(request, kind: ImportKind, *, back_url: str):
    """Upload page for one master-data kind: all rows or none, with each bad row listed."""
    forbid_unless(request.user, kind.permission)
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
    forbid_unless(request.user, kind.permission)
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(template_xlsx(kind), content_type=content_type)
    else:
        fmt = "csv"
        response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind.slug}-template.{fmt}"'
    return response
