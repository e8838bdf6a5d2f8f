"""Inspection pages: the inspector's phone list and task page, the supervisor's confirmations."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_POST

from guomen.clearance import selectors as clearance_selectors
from guomen.clearance import services as clearance
from guomen.core.actions import export_view
from guomen.core.errors import ApplicationError
from guomen.core.filters import label_of
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.timeline import timeline_entries
from guomen.targeting.choices import Channel

from .. import selectors, services
from ..choices import CheckResult, TaskStatus
from ..forms import (
    DecisionForm,
    ResultForm,
    apply_errors,
    checklist_from_post,
    findings_from_post,
    findings_rows,
)


def _error_status(exc: ApplicationError, htmx: bool) -> int:
    """HTMX swaps only 2xx answers, so it gets 200 with the errors in the fragment."""
    return 200 if htmx else exc.status


@login_required
@require_GET
def my_tasks(request):
    require(request.user, "inspection.record")
    filters = selectors.TaskFilters.from_query(request.GET)
    q = filters.q
    tasks = list(selectors.my_tasks(request.user, filters=filters))
    if q and len(tasks) == 1:
        return redirect("inspections:task_detail", pk=tasks[0].pk)
    if q and not tasks:
        messages.error(request, _("No open task for “%(q)s” in your jurisdiction.") % {"q": q})
    context = {
        "tasks": tasks,
        "q": q,
        "filters": filters,
        "channels": Channel.choices,
        "export_query": urlencode(filters.as_query()),
    }
    return render(request, "inspections/my_tasks.html", context)


CHANNEL_LABEL, STATUS_LABEL = label_of(Channel), label_of(TaskStatus)
TASK_COLUMNS = [
    (_l("Declaration number"), lambda t: t.declaration.number),
    (_l("Channel"), lambda t: CHANNEL_LABEL(t.channel)),
    (_l("Status"), lambda t: STATUS_LABEL(t.status)),
    (_l("Priority"), lambda t: t.priority),
    (_l("Due date"), lambda t: t.due_date),
    (_l("Port"), lambda t: t.port.name),
    (_l("Origin"), lambda t: t.declaration.origin_country.display_name),
    (_l("Arrival"), lambda t: t.declaration.arrival_date),
    (_l("Transport or container"), lambda t: t.declaration.transport_id),
    (_l("Goods (HS)"), lambda t: [line.hs_id for line in t.declaration.lines.all()]),
    (_l("Inspector"), lambda t: t.assignee.get_username() if t.assignee else ""),
]


task_export = export_view(  # the page's filters (TaskFilters), the page's rows
    "inspection.record",
    selectors.my_tasks,
    selectors.TaskFilters,
    TASK_COLUMNS,
    filename="inspection-tasks.xlsx",
    back="inspections:my_tasks",
)


def _overlay(checklist, answers: list[dict], errors: dict) -> None:
    """Show the posted answers (and their errors) again on the checklist after a refused post."""
    by_code = {a["code"]: (i, a) for i, a in enumerate(answers)}
    for item in checklist:
        if item.code in by_code:
            i, answer = by_code[item.code]
            item.result, item.note = answer["result"], answer["note"]
            item.errors = [m for k, msgs in errors.items() if k.startswith(f"checklist.{i}.") for m in msgs]


def _result_context(request, task, form=None, rows=None, answers=None, errors=None) -> dict:
    dossier = selectors.task_dossier(task)
    if answers:
        _overlay(dossier["checklist"], answers, errors or {})
    concern, others = selectors.hazard_choices(dossier["requirements"])
    can_record = (
        task.status in selectors.OPEN_STATUSES
        and can(request.user, "inspection.record")
        and org_in_scope(request.user, task.port)
    )
    initial = {
        "expected_version": task.version,
        "treatment_kind": task.treatment_kind,
        "conditions": task.conditions,
    }
    return dossier | {
        "task": task,
        "form": form or ResultForm(initial=initial),
        "finding_rows": rows if rows is not None else [{}],
        "hazards_concern": concern,
        "hazards_other": others,
        "can_record": can_record,
        "can_sample": can_record and bool(dossier["sample_new_url"]),
    }


def _decision_context(request, task, form=None) -> dict:
    can_confirm = (
        task.status == TaskStatus.AWAITING_CONFIRMATION
        and can(request.user, "inspection.confirm")
        and org_in_scope(request.user, task.port)
    )
    initial = {
        "disposition": task.proposed_disposition,
        "treatment_kind": task.treatment_kind,
        "conditions": task.conditions,
        "expected_version": task.version,
    }
    form = form or DecisionForm(initial=initial, auto_id=f"id_%s_{task.pk}")
    return {
        "task": task,
        "decision_form": form,
        "can_confirm": can_confirm,
        "card": clearance_selectors.release_card(task, request.user),
    }


def _page(request, task, *, form=None, rows=None, answers=None, errors=None, status=200, **extra):
    """The whole task page; HTMX requests swap #task-page out of it (hx-select)."""
    context = _result_context(request, task, form=form, rows=rows, answers=answers, errors=errors)
    context |= _decision_context(request, task)
    context["timeline"] = timeline_entries(selectors.task_timeline(task))
    context["check_results"] = CheckResult.choices
    context["can_rectify"] = (
        bool(task.outcome)
        and can(request.user, "rectification.create")
        and org_in_scope(request.user, task.port)
    )
    context["can_finish_treatment"] = (
        task.disposition == "treatment"
        and task.declaration.status == "treatment"
        and (can(request.user, "inspection.record") or can(request.user, "inspection.confirm"))
        and org_in_scope(request.user, task.port)
    )
    return render(request, "inspections/task_detail.html", context | extra, status=status)


@login_required
@require_GET
def task_detail(request, pk):
    return _page(request, selectors.task_detail(request.user, pk))


@login_required
@require_POST
def task_start(request, pk):
    task = selectors.task_detail(request.user, pk)
    try:
        services.inspection_task_start(
            task=task, actor=request.user, expected_version=_int(request.POST.get("expected_version"))
        )
        messages.success(request, _("The task is yours now."))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect("inspections:task_detail", pk=task.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def task_result(request, pk):
    task = selectors.task_detail(request.user, pk)
    form = ResultForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    answers = checklist_from_post(request.POST)
    try:
        clearance.clearance_record_result(
            task=task,
            outcome=data.get("outcome", ""),
            notes=data.get("notes", ""),
            findings=findings_from_post(request.POST),
            checklist=answers,
            proposed_disposition=data.get("proposed_disposition", ""),
            treatment_kind=data.get("treatment_kind", ""),
            conditions=data.get("conditions", ""),
            actor=request.user,
            expected_version=data.get("expected_version"),
        )
    except ApplicationError as exc:
        task = selectors.task_detail(
            request.user, pk
        )  # the failed attempt may have touched the instance in memory
        apply_errors(form, exc)
        rows = findings_rows(request.POST, exc.fields) or [{}]
        findings_error = "; ".join(exc.fields.get("findings", []))
        return _page(
            request,
            task,
            form=form,
            rows=rows,
            answers=answers,
            errors=exc.fields,
            findings_error=findings_error,
            status=_error_status(exc, bool(request.htmx)),
        )
    message = _("Result recorded. It now awaits the supervisor's confirmation.")
    if request.htmx:
        return _page(request, selectors.task_detail(request.user, pk), success=message)
    messages.success(request, message)
    return redirect("inspections:task_detail", pk=task.pk)


@login_required
@require_GET
def finding_row(request):
    require(request.user, "inspection.record")
    requirements = []
    task_pk = request.GET.get("task")
    if task_pk:
        requirements = selectors.task_requirements(selectors.task_detail(request.user, task_pk))
    concern, others = selectors.hazard_choices(requirements)
    return render(
        request,
        "inspections/partials/finding_row.html",
        {"row": {}, "hazards_concern": concern, "hazards_other": others},
    )


@login_required
@require_GET
def confirmations(request):
    require(request.user, "inspection.confirm")
    tasks = list(selectors.confirmations(request.user))
    cards = [_decision_context(request, task) for task in tasks]
    return render(request, "inspections/confirmations.html", {"cards": cards})


def _decide(request, pk, *, confirm: bool):
    task = selectors.task_detail(request.user, pk)
    form = DecisionForm(request.POST, auto_id=f"id_%s_{task.pk}")
    form.is_valid()
    data = form.cleaned_data
    try:
        if confirm:
            clearance.clearance_confirm(
                task=task,
                disposition=data.get("disposition", ""),
                treatment_kind=data.get("treatment_kind") or None,
                conditions=data.get("conditions") or None,
                actor=request.user,
                reason=data.get("reason", ""),
                expected_version=data.get("expected_version"),
            )
            message = _("Disposition confirmed: %(d)s. Declaration %(n)s is now “%(s)s”.") % {
                "d": task.get_disposition_display(),
                "n": task.declaration.number,
                "s": task.declaration.get_status_display(),
            }
        else:
            clearance.clearance_send_back(
                task=task,
                actor=request.user,
                reason=data.get("reason", ""),
                expected_version=data.get("expected_version"),
            )
            message = _("Sent back to the inspector for re-inspection.")
    except ApplicationError as exc:
        apply_errors(form, exc)
        if request.htmx:
            return render(
                request,
                "inspections/partials/decision_card.html",
                _decision_context(request, task, form=form),
                status=200,
            )
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(_next(request, task))
    if request.htmx:
        return render(request, "inspections/partials/decision_done.html", {"task": task, "success": message})
    messages.success(request, message)
    return redirect(_next(request, task))


def _next(request, task) -> str:
    if request.POST.get("next") == "detail":
        return reverse("inspections:task_detail", args=[task.pk])
    return reverse("inspections:confirmations")


@login_required
@require_POST
def task_confirm(request, pk):
    return _decide(request, pk, confirm=True)


@login_required
@require_POST
def task_send_back(request, pk):
    return _decide(request, pk, confirm=False)


@login_required
@require_POST
def treatment_complete(request, pk):
    task = selectors.task_detail(request.user, pk)
    try:
        clearance.clearance_treatment_done(
            task=task,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            expected_version=_int(request.POST.get("expected_version")),
        )
        messages.success(request, _("Treatment completed; the consignment is released."))
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect("inspections:task_detail", pk=task.pk)
