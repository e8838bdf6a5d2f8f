"""Declaration pages: list, detail with timeline, new declaration form, bulk intake, cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.clearance import bulk
from guomen.clearance.services import clearance_cancel, clearance_submit
from guomen.core.errors import ApplicationError
from guomen.core.permissions import can, require, sees_targeting
from guomen.exports.selectors import batches_of_declaration
from guomen.targeting.reasons import reason_text

from . import selectors
from .choices import CHANNEL_SHORT_LABELS
from .ephyto import certificates_for
from .forms import (
    BulkUploadForm,
    CancelForm,
    DeclarationForm,
    DocumentFormSet,
    FilterForm,
    LineFormSet,
    apply_errors,
)
from .services import may_cancel

PAGE_SIZE = 25


@login_required
@require_GET
def declaration_list(request):
    require(request.user, "declaration.view")
    form = FilterForm(request.GET or None)
    filters = selectors.DeclarationFilters()
    if form.is_valid():
        filters = selectors.DeclarationFilters.from_query(form.cleaned_data)
    qs = selectors.declaration_list(user=request.user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    staff = sees_targeting(request.user)
    if not staff:
        del form.fields["channel"]
    for declaration in page.object_list:
        declaration.channel_label = CHANNEL_SHORT_LABELS.get(declaration.channel, "") if staff else ""
    context = {
        "form": form,
        "page_obj": page,
        "can_create": can(request.user, "declaration.create"),
        "can_import": can(request.user, "declaration.import"),
    }
    template = "declarations/partials/results.html" if request.htmx else "declarations/list.html"
    return render(request, template, context)


@login_required
@require_GET
def declaration_detail(request, number: str):
    declaration = selectors.declaration_get(user=request.user, number=number)
    tasks = selectors.declaration_tasks(declaration)
    staff = sees_targeting(request.user)
    decision = selectors.declaration_decision(declaration, user=request.user)
    context = {
        "d": declaration,
        "lines": selectors.declaration_lines(declaration),
        "documents": list(declaration.documents.order_by("id")),
        "staff": staff,
        "decision": decision,
        "reasons": [reason_text(r) for r in decision.reasons] if decision else [],
        "channel_label": CHANNEL_SHORT_LABELS.get(declaration.channel, "") if staff else "",
        "tasks": tasks,
        "events": selectors.declaration_timeline(declaration, tasks, user=request.user),
        "can_see_tasks": can(request.user, "inspection.view"),
        "cancel_form": CancelForm() if may_cancel(request.user, declaration) else None,
        "phyto_certificates": certificates_for(declaration),
        "ephyto_mismatches": selectors.ephyto_mismatches(declaration),
        "can_import_ephyto": can(request.user, "ephyto.import"),
        "export_batches": batches_of_declaration(declaration) if declaration.direction == "export" else [],
        "can_see_batches": can(request.user, "exports.view"),
    }
    return render(request, "declarations/detail.html", context)


def _filled(forms) -> list:
    return [f for f in forms if f.is_valid() and f.has_changed()]


@login_required
@require_http_methods(["GET", "POST"])
def declaration_new(request):
    require(request.user, "declaration.create")
    data = request.POST if request.method == "POST" else None
    form = DeclarationForm(data, user=request.user, initial={"arrival_date": ""})
    lines = LineFormSet(data, prefix="lines")
    documents = DocumentFormSet(data, prefix="documents")
    if request.method == "POST" and form.is_valid() and lines.is_valid() and documents.is_valid():
        line_forms, doc_forms = _filled(lines.forms), _filled(documents.forms)
        values = form.cleaned_data
        if request.user.role == "enterprise" and request.user.enterprise_id:
            values["declarant_uscc"] = request.user.enterprise.uscc
        try:
            declaration = clearance_submit(
                actor=request.user,
                direction=values["direction"],
                port_code=values["port"],
                declarant_uscc=values["declarant_uscc"],
                consignee_uscc=values["consignee_uscc"] or None,
                consignor_name=values["consignor_name"],
                origin_country=values["origin_country"],
                destination_country=values["destination_country"] or None,
                foreign_consignee_name=values["foreign_consignee_name"],
                foreign_consignee_address=values["foreign_consignee_address"],
                foreign_consignee_country=values["foreign_consignee_country"],
                transport=values["transport"],
                transport_id=values["transport_id"],
                arrival_date=values["arrival_date"],
                lines=[f.cleaned_data for f in line_forms],
                documents=[f.cleaned_data for f in doc_forms],
                batch_numbers=values["batch_numbers"],
            )
        except ApplicationError as exc:
            apply_errors(exc.fields, form, line_forms, doc_forms)
            if not exc.fields:
                form.add_error(None, str(exc.message))
        else:
            if sees_targeting(request.user):
                message = _("Declaration %(number)s submitted: %(channel)s.") % {
                    "number": declaration.number,
                    "channel": CHANNEL_SHORT_LABELS.get(declaration.channel, ""),
                }
            else:
                message = _("Declaration %(number)s submitted: %(status)s.") % {
                    "number": declaration.number,
                    "status": declaration.get_status_display(),
                }
            messages.success(request, message)
            return redirect("declarations:detail", number=declaration.number)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "declarations/new.html",
        {"form": form, "lines": lines, "documents": documents},
        status=status,
    )


@login_required
@require_GET
def line_form(request):
    """One more empty line for the new-declaration form (HTMX), with the updated form count."""
    require(request.user, "declaration.create")
    try:
        index = max(0, min(int(request.GET.get("lines-TOTAL_FORMS", "1")), 199))
    except ValueError:
        index = 1
    form = LineFormSet(prefix="lines").empty_form
    form.prefix = f"lines-{index}"
    return render(
        request, "declarations/partials/line_form.html", {"line": form, "index": index, "total": index + 1}
    )


@login_required
@require_POST
def declaration_cancel_view(request, number: str):
    declaration = selectors.declaration_get(user=request.user, number=number)
    require(request.user, "declaration.cancel")
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the declaration is cancelled."))
        return redirect("declarations:detail", number=number)
    try:
        clearance_cancel(declaration=declaration, actor=request.user, reason=form.cleaned_data["reason"])
    except ApplicationError as exc:
        if exc.status == 403:
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Declaration %(number)s cancelled.") % {"number": number})
    return redirect("declarations:detail", number=number)


@login_required
@require_http_methods(["GET", "POST"])
def bulk_import(request):
    require(request.user, "declaration.import")
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = bulk.declaration_bulk_import(
                data=upload.read(), filename=upload.name, actor=request.user
            )
        except ApplicationError as exc:
            form.add_error("file", str(exc.message))
            status = 422
        else:
            if report.ok:
                messages.success(request, _("%(n)d declaration(s) imported.") % {"n": report.created})
            else:
                status = 422
    elif request.method == "POST":
        status = 422
    return render(request, "declarations/bulk.html", {"form": form, "report": report}, status=status)


@login_required
@require_GET
def bulk_template(request):
    require(request.user, "declaration.import")
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            bulk.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="declarations-template.xlsx"'
        return response
    response = HttpResponse(bulk.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="declarations-template.csv"'
    return response
