"""Result follow-up (结果跟进): the board of everything pending, and rectification requests."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError, NotFound, ValidationFailed
from guomen.core.filters import label_of
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.registry.models import Enterprise
from guomen.supervision.selectors import credit_event_list

from .. import selectors, services
from ..choices import RectificationStatus
from ..models import RectificationRequest


def _date(value: str):
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def board(request):
    require(request.user, "followup.view")
    filters = selectors.RectificationFilters.from_query(request.GET)
    context = {
        "board": selectors.followup_board(request.user, rectifications=filters),
        "filters": filters,
        "rectification_states": RECTIFICATION_STATES,
        "export_url": url_with("inspections:rectification_export", filters)
        if can(request.user, "rectification.view")
        else "",
    }
    return render(request, "inspections/followup.html", context)


RECTIFICATION_STATES = [
    ("active", _l("Awaiting or answered")),
    ("all", _l("All")),
    *RectificationStatus.choices,
]


def _col(name: str, read):
    return capfirst(RectificationRequest._meta.get_field(name).verbose_name), read


_status = label_of(RectificationStatus)
RECTIFICATION_COLUMNS = [
    _col("subject", lambda r: r.subject),
    _col("enterprise", lambda r: r.enterprise.display_name),
    (capfirst(Enterprise._meta.get_field("uscc").verbose_name), lambda r: r.enterprise.uscc),
    _col("org", lambda r: r.org.name),
    _col("due_date", lambda r: r.due_date),
    _col("status", lambda r: _status(r.status)),
    (_l("Overdue"), lambda r: r.is_overdue),
    _col("owner", lambda r: str(r.owner) if r.owner_id else ""),
    _col("reminders", lambda r: r.reminders),
    _col("answered_at", lambda r: r.answered_at),
]

rectification_export = export_view(
    "rectification.view",
    selectors.rectification_list,
    selectors.RectificationFilters,
    RECTIFICATION_COLUMNS,
    filename="rectifications.xlsx",
    back="inspections:followup",
)


@login_required
@require_http_methods(["GET", "POST"])
def rectification_new(request, pk):
    """Staff issue a rectification request to the declarant of a task."""
    require(request.user, "rectification.create")
    task = selectors.task_detail(request.user, pk)
    errors: dict = {}
    data = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        try:
            enterprise = Enterprise.objects.filter(pk=_int(data.get("enterprise"))).first()
            due = _date(data.get("due_date"))
            if due is None:
                raise ValidationFailed(fields={"due_date": _("Enter the deadline as YYYY-MM-DD.")})
            item = services.rectification_create(
                task=task,
                enterprise=enterprise,
                violation=_violation(request.user, enterprise, data.get("violation")),
                subject=data.get("subject", ""),
                details=data.get("details", ""),
                due_date=due,
                actor=request.user,
            )
            messages.success(request, _("Rectification request sent to %(e)s.") % {"e": item.enterprise})
            return redirect("inspections:rectification_detail", pk=item.pk)
        except ApplicationError as exc:
            errors = exc.fields or {"form": [str(exc.message)]}
            if "__all__" in errors:
                errors["form"] = errors.pop("__all__")
    d = task.declaration
    enterprises = list(dict.fromkeys(e for e in (d.declarant, d.consignee) if e is not None))
    violations = [
        v
        for e in enterprises
        for v in credit_event_list(user=request.user, enterprise=e, kind="violation").filter(status="active")[
            :20
        ]
    ]
    return render(
        request,
        "inspections/rectification_new.html",
        {"task": task, "enterprises": enterprises, "violations": violations, "data": data, "errors": errors},
        status=422 if errors else 200,
    )


def _violation(user, enterprise, value):
    """The violation (credit event) named in the form, among those the user may see; None when none is named."""
    pk = _int(value)
    if pk is None or enterprise is None:
        return None
    found = credit_event_list(user=user, enterprise=enterprise, kind="violation").filter(pk=pk).first()
    if found is None:
        raise ValidationFailed(fields={"violation": _("Name a violation of this enterprise.")})
    return found


@login_required
@require_GET
def rectification_detail(request, pk):
    item = selectors.rectification_get(request.user, pk)
    return render(request, "inspections/rectification_detail.html", _detail_context(request, item))


@login_required
@require_GET
def rectification_file(request, pk, file_pk):
    """A file sent with an answer, for the enterprise concerned and the unit's staff only (never /media/)."""
    found = selectors.rectification_file(request.user, pk, file_pk)
    inline = found.content_type in ("image/jpeg", "application/pdf")
    response = FileResponse(found.file.open("rb"), as_attachment=not inline, filename=found.name)
    response["Content-Type"] = found.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _detail_context(request, item, **extra) -> dict:
    user = request.user
    staff = can(user, "rectification.create") and org_in_scope(user, item.org)
    return {
        "item": item,
        "rounds": selectors.rectification_rounds(item),
        "declaration_url": _declaration_url(item),
        "can_answer": can(user, "rectification.answer")
        and user.enterprise_id == item.enterprise_id
        and item.status == RectificationStatus.OPEN,
        "can_decide": staff and item.status == RectificationStatus.ANSWERED,
        "can_withdraw": staff and item.status == RectificationStatus.OPEN,
        "timeline": timeline_entries(audit_timeline(obj=item)),
        "errors": {},
    } | extra


def _declaration_url(item) -> str:
    if item.task_id is None:
        return ""
    return reverse("declarations:detail", args=[item.task.declaration.number])


@login_required
@require_POST
def rectification_act(request, pk, action):
    if action not in ("answer", "close", "reopen"):
        raise NotFound()
    item = selectors.rectification_get(request.user, pk)
    data = request.POST
    version = _int(data.get("expected_version"))
    try:
        if action == "answer":
            services.rectification_answer(
                request=item,
                answer=data.get("answer", ""),
                files=request.FILES.getlist("files"),
                actor=request.user,
                expected_version=version,
            )
            messages.success(request, _("Your answer was sent."))
        elif action == "close":
            services.rectification_close(
                request=item, reason=data.get("reason", ""), actor=request.user, expected_version=version
            )
            messages.success(request, _("Rectification closed."))
        else:
            services.rectification_reopen(
                request=item,
                reason=data.get("reason", ""),
                due_date=_date(data.get("due_date")),
                actor=request.user,
                expected_version=version,
            )
            messages.success(request, _("Sent back to the enterprise."))
    except ApplicationError as exc:
        item = selectors.rectification_get(request.user, pk)
        context = _detail_context(request, item, errors=exc.fields or {"form": [str(exc.message)]})
        return render(request, "inspections/rectification_detail.html", context, status=exc.status)
    return redirect("inspections:rectification_detail", pk=item.pk)
