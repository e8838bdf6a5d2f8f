"""Trace-back pages: the queue (pending, unmatched, confirmed), hand entry, a notification with its candidates,
the cases with their tasks, findings, closing and closing report. The queue and the cases have an Excel export
with the page's filters (NotificationFilters, CaseFilters: the API's)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.accounts.models import User
from guomen.catalog.models import CommodityGroup, Country
from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError, ValidationFailed
from guomen.core.filters import label_of
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, page_of, render_list
from guomen.reports.periods import Period

from . import selectors, services
from .choices import CaseStatus, NotificationStatus, TaskStatus
from .forms import CloseForm, FindingsForm, NotificationForm, ReasonForm, TaskDoneForm, TaskForm
from .report import closing_report_pdf


@login_required
@require_GET
def queue(request):
    require(request.user, "traceback.view")
    filters = selectors.NotificationFilters.from_query(request.GET)
    context = {
        "page": page_of(request, selectors.notification_list(request.user, filters=filters)),
        "filters": filters,
        "export_url": url_with("tracebacks:export", filters),
        "tab": filters.queue or "all",
        "counts": selectors.status_counts(request.user),
        "tabs": [
            ("pending", _("Awaiting a decision")),
            ("unmatched", _("Unmatched")),
            ("confirmed", _("Match confirmed")),
            ("all", _("All")),
        ],
        "can_enter": can(request.user, "traceback.enter"),
    }
    return render_list(request, "tracebacks/queue.html", "tracebacks/partials/rows.html", context)


STATUS_LABEL = label_of(NotificationStatus)
NOTIFICATION_COLUMNS = [
    (_l("notification reference"), lambda n: n.reference),
    (_l("notified on"), lambda n: n.notified_on),
    (_l("notifying authority"), lambda n: n.authority),
    (_l("notifying country"), lambda n: n.notifying_country.display_name if n.notifying_country_id else ""),
    (_l("subject"), lambda n: n.subject),
    (_l("product"), lambda n: n.product),
    (_l("commodity group"), lambda n: n.commodity_group.display_name if n.commodity_group_id else ""),
    (_l("candidates"), lambda n: n.n_candidates),
    (_l("in my jurisdiction"), lambda n: n.here),
    (_l("status"), lambda n: STATUS_LABEL(n.status)),
]
notification_export = export_view(
    "traceback.view",
    selectors.notification_list,
    selectors.NotificationFilters,
    NOTIFICATION_COLUMNS,
    filename="foreign-notifications.xlsx",
    back="tracebacks:queue",
)


def _lookup(model, value, field):
    value = (value or "").strip()
    if not value:
        return None
    found = model.objects.filter(pk=value.upper() if model is Country else value).first()
    if found is None:
        raise ValidationFailed(fields={field: [_("Unknown code %(code)s.") % {"code": value}]})
    return found


@login_required
@require_http_methods(["GET", "POST"])
def notification_new(request):
    require(request.user, "traceback.enter")
    form = NotificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            data["notifying_country"] = _lookup(Country, data["notifying_country"], "notifying_country")
            data["commodity_group"] = _lookup(CommodityGroup, data["commodity_group"], "commodity_group")
            notification = services.notification_enter(actor=request.user, **data)
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            return redirect("tracebacks:detail", pk=notification.pk)
    return render(request, "tracebacks/new.html", {"form": form})


@login_required
@require_POST
def rematch(request):
    require(request.user, "traceback.enter")
    entered = services.intake_foreign(actor=request.user)
    open_ones = selectors.notification_list(request.user, queue="all").exclude(
        status=NotificationStatus.CONFIRMED
    )
    counts = services.match_run(notifications=list(open_ones))
    messages.success(
        request,
        _(
            "%(entered)d notifications entered the queue; %(pending)d with candidates, %(unmatched)d unmatched."
        )
        % {"entered": entered, "pending": counts["pending"], "unmatched": counts["unmatched"]},
    )
    return redirect("tracebacks:queue")


def _detail_context(request, notification, **extra):
    user = request.user
    candidates, elsewhere = selectors.notification_candidates(user, notification)
    return {
        "n": notification,
        "candidates": candidates,
        "elsewhere": elsewhere,
        "case": selectors.notification_case(user, notification),
        "can_decide": can(user, "traceback.decide") and notification.status != NotificationStatus.CONFIRMED,
        "reason_form": ReasonForm(),
        "timeline": timeline_entries(audit_timeline(obj=notification)),
    } | extra


@login_required
@require_GET
def notification_detail(request, pk):
    notification = selectors.notification_get(request.user, pk)
    return render(request, "tracebacks/detail.html", _detail_context(request, notification))


@login_required
@require_POST
def confirm(request, pk, candidate):
    notification = selectors.notification_get(request.user, pk)
    require(request.user, "traceback.decide")
    chosen = selectors.candidate_get(request.user, notification, candidate)
    try:
        case = services.match_confirm(
            notification=notification,
            candidate=chosen,
            reason=request.POST.get("reason", ""),
            actor=request.user,
            expected_version=_int(request.POST.get("version")),
        )
    except ValidationFailed as exc:
        messages.error(request, "；".join(m for ms in exc.fields.values() for m in ms) or str(exc.message))
        return redirect("tracebacks:detail", pk=notification.pk)
    messages.success(request, _("Match confirmed; trace-back case %(n)s opened.") % {"n": case.number})
    return redirect("tracebacks:case", number=case.number)


@login_required
@require_POST
def no_match(request, pk):
    notification = selectors.notification_get(request.user, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.match_reject(
            notification=notification,
            reason=form.cleaned_data.get("reason", ""),
            actor=request.user,
            expected_version=_int(request.POST.get("version")),
        )
    except ValidationFailed as exc:
        add_errors(form, exc)
        context = _detail_context(request, notification, reason_form=form)
        return render(request, "tracebacks/detail.html", context, status=400)
    messages.success(request, _("Marked as unmatched; it stays in the unmatched queue."))
    return redirect("tracebacks:detail", pk=notification.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def cases(request):
    require(request.user, "traceback.view")
    filters = selectors.CaseFilters.from_query(request.GET)
    context = {
        "page": page_of(request, selectors.case_list(request.user, filters=filters)),
        "filters": filters,
        "export_url": url_with("tracebacks:case_export", filters),
        "statuses": CaseStatus.choices,
        "period": Period.parse(filters.period) if filters.period else None,
    }
    return render_list(request, "tracebacks/cases.html", "tracebacks/partials/case_rows.html", context)


CASE_STATUS_LABEL = label_of(CaseStatus)
CASE_COLUMNS = [
    (_l("case number"), lambda c: c.number),
    (_l("notification reference"), lambda c: c.notification.reference),
    (_l("notified on"), lambda c: c.notification.notified_on),
    (_l("exporter"), lambda c: c.enterprise.name_zh),
    (_l("unit"), lambda c: c.org.name),
    (_l("status"), lambda c: CASE_STATUS_LABEL(c.status)),
]
case_export = export_view(
    "traceback.view",
    selectors.case_list,
    selectors.CaseFilters,
    CASE_COLUMNS,
    filename="trace-back-cases.xlsx",
    back="tracebacks:cases",
)


def _staff_users(case):
    users = User.objects.filter(is_active=True, org__isnull=False).exclude(role="enterprise")
    return [u for u in users.select_related("org").order_by("username") if org_in_scope(u, case.org)][:200]


def _case_context(request, case, **extra):
    user = request.user
    here = org_in_scope(user, case.org)
    open_case = case.status != CaseStatus.CLOSED
    tasks = selectors.case_tasks(case)
    return {
        "case": case,
        "n": case.notification,
        "tasks": tasks,
        "open_tasks": [t for t in tasks if t.status == TaskStatus.OPEN],
        "can_work": here and open_case and can(user, "traceback.case"),
        "can_findings": here and case.status == CaseStatus.INVESTIGATING and can(user, "traceback.findings"),
        "can_close": here and open_case and can(user, "traceback.close"),
        "task_form": TaskForm(users=_staff_users(case)),
        "done_form": TaskDoneForm(),
        "findings_form": FindingsForm(),
        "close_form": CloseForm(),
        "timeline": timeline_entries(audit_timeline(objects=[case, *tasks])),
    } | extra


@login_required
@require_GET
def case_detail(request, number):
    case = selectors.case_get(request.user, number)
    return render(request, "tracebacks/case.html", _case_context(request, case))


@login_required
@require_http_methods(["GET", "POST"])
def case_act(request, number, action):
    case = selectors.case_get(request.user, number)
    if request.method == "GET":
        if action == "report":
            return render(
                request,
                "tracebacks/report.html",
                {"case": case, "n": case.notification, "tasks": selectors.case_tasks(case)},
            )
        if action == "report.pdf":
            response = HttpResponse(closing_report_pdf(case), content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="{case.number}.pdf"'
            return response
        raise Http404
    forms_by_action = {
        "task": (TaskForm, {"users": _staff_users(case)}),
        "findings": (FindingsForm, {}),
        "close": (CloseForm, {}),
    }
    if action not in forms_by_action:
        raise Http404
    form_class, kwargs = forms_by_action[action]
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        version = _int(request.POST.get("version"))
        try:
            if action == "task":
                assignee = (
                    User.objects.filter(pk=_int(data["assignee"])).first() if data["assignee"] else None
                )
                services.case_task_add(
                    case=case,
                    title=data["title"],
                    due_date=data["due_date"],
                    assignee=assignee,
                    actor=request.user,
                )
            elif action == "findings":
                services.case_findings(case=case, actor=request.user, expected_version=version, **data)
            else:
                services.case_close(
                    case=case, report=data["report"], actor=request.user, expected_version=version
                )
        except ValidationFailed as exc:
            add_errors(form, exc)
        else:
            return redirect("tracebacks:case", number=case.number)
    context = _case_context(request, case, **{f"{'close' if action == 'close' else action}_form": form})
    context["failed"] = action
    return render(request, "tracebacks/case.html", context, status=400)


@login_required
@require_POST
def task_done(request, pk):
    task = selectors.task_get(request.user, pk)
    form = TaskDoneForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed(fields={"result": [_("Say what the investigation found.")]})
        services.case_task_done(task=task, result=form.cleaned_data["result"], actor=request.user)
    except ValidationFailed as exc:
        messages.error(request, "；".join(m for ms in exc.fields.values() for m in ms) or str(exc.message))
    return redirect("tracebacks:case", number=task.case.number)
