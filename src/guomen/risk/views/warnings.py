"""Early-warning pages: list, draft (from an assessment or as a follow-up), detail with actions and measures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError
from guomen.core.four_eyes import is_other_person
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, page_of

from .. import columns, selectors, wording
from ..choices import MeasureKind, MeasureStatus, WarningStatus
from ..early_warnings import (
    SUBJECT_FIELDS,
    may_act_on_measure,
    publish_blockers,
    warning_close,
    warning_create,
    warning_publish,
    warning_return,
    warning_validate,
)
from ..forms import MeasureForm, ReasonForm, WarningForm, bootstrap
from ..measures import measure_add, measure_complete, measure_lift, measure_publish


def _error_text(exc: ApplicationError) -> str:
    return "; ".join(m for ms in exc.fields.values() for m in ms) or str(exc.message)


@login_required
@require_GET
def warning_list(request):
    require(request.user, "risk.view")
    filters = selectors.WarningFilters.from_query(request.GET)
    context = {
        "page_obj": page_of(request, selectors.warning_list(user=request.user, filters=filters)),
        "status": filters.status,
        "q": filters.q,
        "export_url": url_with("risk:warning_export", filters),
        "statuses": WarningStatus.choices,
        "can_edit": can(request.user, "risk.edit"),
    }
    return render(request, "risk/warning_list.html", context)


warning_export = export_view(
    "risk.view",
    selectors.warning_list,
    selectors.WarningFilters,
    columns.WARNINGS,
    filename="early-warnings.xlsx",
    back="risk:warning_list",
)


@login_required
@require_http_methods(["GET", "POST"])
def warning_new(request):
    require(request.user, "risk.edit")
    source_id = request.GET.get("assessment") or request.POST.get("assessment")
    follow_id = request.GET.get("follow_up_of") or request.POST.get("follow_up_of")
    assessment = (
        selectors.assessment_get(user=request.user, pk=int(source_id))
        if str(source_id or "").isdigit()
        else None
    )
    original = (
        selectors.warning_get(user=request.user, pk=int(follow_id))
        if str(follow_id or "").isdigit()
        else None
    )
    initial = {}
    base = original or (assessment.cluster or assessment.signal if assessment else None)
    if base is not None:
        initial = {name: getattr(base, name, None) for name in SUBJECT_FIELDS}
    if base is not None and original is None and getattr(base, "subject_name", ""):
        initial["title"] = wording.warning_title(subject=base.subject_name, hazard=base.hazard)
    if assessment is not None:
        initial |= {
            "classification": assessment.classification,
            "risk_decision": assessment.risk_decision,
            "body": assessment.reasoning,
        }
    if original is not None:
        initial |= {
            "classification": original.classification,
            "risk_decision": original.risk_decision,
            "title": _("Follow-up: %(title)s") % {"title": original.title},
            "addressees": list(original.addressees.all()),
            "hs_prefix": original.hs_prefix,
        }
    form = bootstrap(WarningForm(request.POST or None, initial=initial))
    if request.method == "POST" and form.is_valid():
        try:
            warning = warning_create(
                actor=request.user, data=form.cleaned_data, assessment=assessment, follow_up_of=original
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Warning %(number)s drafted.") % {"number": warning.number})
            return redirect("risk:warning_detail", warning.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "assessment": assessment, "original": original}
    return render(request, "risk/warning_form.html", context, status=status)


@login_required
@require_GET
def warning_detail(request, pk: int):
    require(request.user, "risk.view")
    warning = selectors.warning_get(user=request.user, pk=pk)
    user = request.user
    approver = can(user, "risk.approve") and org_in_scope(user, warning.org)
    measures = list(
        warning.measures.select_related("owner", "enterprise", "production_base", "origin", "commodity_group")
    )
    for m in measures:
        m.may_act = may_act_on_measure(user, m)
        m.awaits_publication = (
            m.kind == MeasureKind.CONSUMER_WARNING
            and m.status == MeasureStatus.PLANNED
            and warning.status == WarningStatus.PUBLISHED
        )
        m.may_publish = m.awaits_publication and approver and is_other_person(user, m.proposed_by_id)
    second_eyes = approver and is_other_person(user, *publish_blockers(user, warning))
    context = {
        "warning": warning,
        "measures": measures,
        "follow_ups": warning.follow_ups.order_by("id"),
        "addressees": warning.addressees.order_by("path"),
        "approver": approver,
        "second_eyes": second_eyes,
        "can_add_measure": can(user, "risk.measure")
        and org_in_scope(user, warning.org)
        and warning.status != WarningStatus.CLOSED,
        "can_edit": can(user, "risk.edit"),
        "measure_form": bootstrap(
            MeasureForm(
                initial={
                    "public_title": wording.consumer_title(group=warning.commodity_group),
                    "public_text": wording.consumer_text(
                        group=warning.commodity_group, hazard=warning.hazard
                    ),
                }
            )
        ),
        "reason_form": ReasonForm(initial={"version": warning.version}),
        "events": timeline_entries(audit_timeline(objects=[warning, *measures])),
    }
    return render(request, "risk/warning_detail.html", context)


ACTIONS = {
    "validate": lambda w, u, r, v: warning_validate(warning=w, actor=u, expected_version=v),
    "return": lambda w, u, r, v: warning_return(warning=w, actor=u, reason=r, expected_version=v),
    "publish": lambda w, u, r, v: warning_publish(warning=w, actor=u, expected_version=v),
    "close": lambda w, u, r, v: warning_close(warning=w, actor=u, reason=r, expected_version=v),
}
DONE = {
    "validate": _("Warning validated."),
    "return": _("Warning returned to draft."),
    "publish": _("Warning published; its measures are in force."),
    "close": _("Warning closed."),
}


@login_required
@require_POST
def warning_action(request, pk: int, action: str):
    require(request.user, "risk.approve")
    warning = selectors.warning_get(user=request.user, pk=pk)
    if action not in ACTIONS:
        return redirect("risk:warning_detail", pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason") or ""
    version = form.cleaned_data.get("version")
    try:
        ACTIONS[action](warning, request.user, reason, version)
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, str(DONE[action]))
    return redirect("risk:warning_detail", pk)


@login_required
@require_POST
def measure_new(request, pk: int):
    require(request.user, "risk.measure")
    warning = selectors.warning_get(user=request.user, pk=pk)
    form = MeasureForm(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            messages.error(request, f"{label}: {'; '.join(errors)}" if label else "; ".join(errors))
        return redirect("risk:warning_detail", pk)
    try:
        measure_add(warning=warning, actor=request.user, data=form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Measure added."))
    return redirect("risk:warning_detail", pk)


@login_required
@require_POST
def measure_action(request, pk: int, action: str):
    require(request.user, "risk.view")
    measure = selectors.measure_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason") or ""
    try:
        if action == "publish":
            measure_publish(
                measure=measure, actor=request.user, expected_version=form.cleaned_data.get("version")
            )
        elif action == "lift":
            measure_lift(measure=measure, actor=request.user, reason=reason)
        elif action == "complete":
            measure_complete(measure=measure, actor=request.user, reason=reason)
    except ApplicationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Measure updated."))
    return redirect("risk:warning_detail", measure.warning_id)
