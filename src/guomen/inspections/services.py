"""Inspection writes: opening tasks, recording results, confirming dispositions."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.catalog.models import Hazard
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition
from guomen.declarations.choices import DeclarationStatus
from guomen.declarations.models import Declaration
from guomen.declarations.services import declaration_transition

from .choices import ALLOWED_TRANSITIONS, Disposition, Outcome, TaskStatus
from .models import Finding, InspectionTask

CHANNEL_PRIORITY = {"physical_sampling": 90, "physical": 70, "document": 40}
ACTIVE_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_CONFIRMATION)
# What a confirmed disposition does to the declaration.
DECLARATION_STATUS_FOR = {
    Disposition.RELEASE: DeclarationStatus.RELEASED,
    Disposition.TREATMENT: DeclarationStatus.TREATMENT,
    Disposition.RETURN: DeclarationStatus.RETURNED,
    Disposition.DESTROY: DeclarationStatus.DESTROYED,
}
# A consignment found conforming may be released or treated, never sent back or destroyed.
NOT_FOR_CONFORMING = frozenset({Disposition.RETURN, Disposition.DESTROY})
MAX_FINDINGS = 50


@transaction.atomic
def inspection_task_open(
    *, declaration, channel: str, instruction: str = "", actor=None, priority: int | None = None
) -> InspectionTask:
    """Open the inspection task for a declaration routed to an inspection channel.

    Opening twice gives back the task that is still under way instead of a duplicate.
    """
    existing = InspectionTask.objects.filter(declaration=declaration, status__in=ACTIVE_STATUSES).first()
    if existing is not None:
        return existing
    task = InspectionTask.objects.create(
        declaration=declaration,
        port=declaration.port,
        channel=channel,
        priority=priority if priority is not None else CHANNEL_PRIORITY.get(channel, 50),
        instruction=instruction,
        due_date=max(declaration.arrival_date, timezone.localdate()),
    )
    audit_record(
        actor=actor,
        verb="inspection.open",
        obj=task,
        org_path=declaration.port.path,
        after=model_snapshot(task, ["declaration", "channel", "priority", "due_date", "status"]),
    )
    return task


@transaction.atomic
def inspection_task_cancel(*, declaration, actor, reason: str = "") -> int:
    """Cancel the tasks not yet inspected when their declaration is withdrawn. Returns how many."""
    tasks = InspectionTask.objects.select_related("port").filter(
        declaration=declaration, status__in=(TaskStatus.OPEN, TaskStatus.IN_PROGRESS)
    )
    count = 0
    for task in tasks:
        transition(
            task,
            to=TaskStatus.CANCELLED,
            allowed=ALLOWED_TRANSITIONS,
            actor=actor,
            verb="inspection.cancel",
            reason=reason,
            org_path=task.port.path,
        )
        count += 1
    return count


def _check_scope(actor, task: InspectionTask, action: str) -> None:
    require(actor, action)
    if not org_in_scope(actor, task.port):
        raise PermissionDenied(_("This task belongs to another jurisdiction."))


def _lock_declaration(task: InspectionTask) -> Declaration:
    """The declaration as it is in the database now (row-locked where the database can)."""
    return Declaration.objects.select_for_update().select_related("port").get(pk=task.declaration_id)


def _require_awaiting(task: InspectionTask) -> None:
    if task.status != TaskStatus.AWAITING_CONFIRMATION:
        raise Conflict(_("This task is no longer awaiting confirmation. Reload it to see the current state."))


@transaction.atomic
def inspection_task_start(
    *, task: InspectionTask, actor, expected_version: int | None = None
) -> InspectionTask:
    """The inspector takes the task: it becomes theirs and is in progress."""
    _check_scope(actor, task, "inspection.record")
    if task.status == TaskStatus.IN_PROGRESS and task.assignee_id == actor.pk:
        return task
    if task.status == TaskStatus.IN_PROGRESS:
        raise Conflict(_("This task is already being inspected by %(name)s.") % {"name": task.assignee})
    return transition(
        task,
        to=TaskStatus.IN_PROGRESS,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="inspection.start",
        expected_version=expected_version,
        org_path=task.port.path,
        extra_fields={"assignee_id": actor.pk},
    )


def _clean_findings(findings: list[dict]) -> list[dict]:
    """Check each finding row; errors name the row, e.g. findings.1.description."""
    if len(findings) > MAX_FINDINGS:
        raise ValidationFailed(
            fields={"findings": _("At most %(n)d findings per inspection.") % {"n": MAX_FINDINGS}}
        )
    codes = {str(f.get("hazard_code") or "").strip() for f in findings} - {""}
    hazards = {h.code: h for h in Hazard.objects.filter(code__in=codes)}
    errors: dict[str, str] = {}
    cleaned = []
    for i, row in enumerate(findings):
        code = str(row.get("hazard_code") or "").strip()
        hazard = hazards.get(code) if code else None
        if code and hazard is None:
            errors[f"findings.{i}.hazard_code"] = _("Unknown hazard code “%(code)s”.") % {"code": code}
        description = str(row.get("description") or "").strip()
        if not description and hazard is not None:
            description = hazard.name_zh
        if not description:
            errors[f"findings.{i}.description"] = _("Describe what was found.")
        elif len(description) > 255:
            errors[f"findings.{i}.description"] = _("At most 255 characters.")
        count = row.get("count")
        if count in ("", None):
            count = None
        else:
            try:
                count = int(count)
            except (TypeError, ValueError):
                count = -1
            if count < 1:
                errors[f"findings.{i}.count"] = _("Enter a whole number of at least 1.")
        cleaned.append({"hazard": hazard, "description": description[:255], "count": count})
    if errors:
        raise ValidationFailed(fields=errors)
    return cleaned


def _validate_result(*, outcome: str, notes: str, findings: list[dict], proposed_disposition: str) -> None:
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose conforming or non-conforming.")
    if not proposed_disposition:
        errors["proposed_disposition"] = _("Propose a disposition.")
    elif proposed_disposition not in Disposition.values:
        errors["proposed_disposition"] = _("Choose release, treatment, return or destroy.")
    elif outcome == Outcome.CONFORMING and proposed_disposition in NOT_FOR_CONFORMING:
        errors["proposed_disposition"] = _("A conforming consignment cannot be returned or destroyed.")
    if outcome == Outcome.NON_CONFORMING and not findings and not notes:
        errors["findings"] = _("A non-conforming result needs at least one finding or a note.")
    if len(notes) > 4000:
        errors["notes"] = _("At most 4000 characters.")
    if errors:
        raise ValidationFailed(fields=errors)


@transaction.atomic
def inspection_result_record(
    *,
    task: InspectionTask,
    outcome: str,
    notes: str = "",
    findings: list[dict] | None = None,
    proposed_disposition: str,
    actor,
    expected_version: int | None = None,
) -> InspectionTask:
    """Record the on-site result and the proposed disposition; the supervisor confirms it next."""
    _check_scope(actor, task, "inspection.record")
    notes = (notes or "").strip()
    findings = list(findings or [])
    if task.status not in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS):
        raise Conflict(_("A result was already recorded for this task. Reload it to see the current state."))
    _validate_result(
        outcome=outcome, notes=notes, findings=findings, proposed_disposition=proposed_disposition
    )
    rows = _clean_findings(findings)
    now = timezone.now()
    transition(
        task,
        to=TaskStatus.AWAITING_CONFIRMATION,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="inspection.record",
        reason=notes,
        expected_version=expected_version,
        org_path=task.port.path,
        extra_fields={
            "outcome": outcome,
            "notes": notes,
            "proposed_disposition": proposed_disposition,
            "recorded_by_id": actor.pk,
            "recorded_at": now,
            "assignee_id": task.assignee_id or actor.pk,
            "disposition": "",
            "confirmed_by_id": None,
            "confirmed_at": None,
        },
    )
    task.findings.all().delete()
    Finding.objects.bulk_create(Finding(task=task, **row) for row in rows)
    audit_record(
        actor=actor,
        verb="inspection.findings",
        obj=task,
        org_path=task.port.path,
        after={
            "findings": [
                {
                    "hazard": r["hazard"].code if r["hazard"] else None,
                    "description": r["description"],
                    "count": r["count"],
                }
                for r in rows
            ]
        },
    )
    declaration = _lock_declaration(task)
    declaration_transition(
        declaration=declaration,
        to=DeclarationStatus.PENDING_DISPOSITION,
        actor=actor,
        reason=_("Inspection result: %(outcome)s; proposed: %(disposition)s.")
        % {"outcome": Outcome(outcome).label, "disposition": Disposition(proposed_disposition).label},
        extra_fields={"outcome": outcome},
    )
    task.declaration = declaration
    return task


@transaction.atomic
def inspection_disposition_confirm(
    *,
    task: InspectionTask,
    disposition: str,
    actor,
    reason: str = "",
    expected_version: int | None = None,
) -> InspectionTask:
    """A supervisor of the port's unit (or above) confirms the disposition; the task closes."""
    _check_scope(actor, task, "inspection.confirm")
    reason = (reason or "").strip()
    _require_awaiting(task)
    if task.recorded_by_id and task.recorded_by_id == actor.pk:
        raise PermissionDenied(
            _("A result must be confirmed by someone other than the person who recorded it.")
        )
    errors: dict[str, str] = {}
    if disposition not in Disposition.values:
        errors["disposition"] = _("Choose release, treatment, return or destroy.")
    elif task.outcome == Outcome.CONFORMING and disposition in NOT_FOR_CONFORMING:
        errors["disposition"] = _("A conforming consignment cannot be returned or destroyed.")
    elif disposition != task.proposed_disposition and not reason:
        errors["reason"] = _("Give a reason for deciding differently from the inspector's proposal.")
    if errors:
        raise ValidationFailed(fields=errors)
    transition(
        task,
        to=TaskStatus.CLOSED,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="inspection.confirm",
        reason=reason,
        expected_version=expected_version,
        org_path=task.port.path,
        extra_fields={
            "disposition": disposition,
            "confirmed_by_id": actor.pk,
            "confirmed_at": timezone.now(),
        },
    )
    declaration = _lock_declaration(task)
    declaration_transition(
        declaration=declaration,
        to=DECLARATION_STATUS_FOR[disposition],
        actor=actor,
        reason=reason or _("Disposition confirmed: %(d)s.") % {"d": Disposition(disposition).label},
    )
    task.declaration = declaration
    return task


@transaction.atomic
def inspection_send_back(
    *, task: InspectionTask, actor, reason: str, expected_version: int | None = None
) -> InspectionTask:
    """The supervisor does not accept the result: the task goes back to the inspector to re-inspect."""
    _check_scope(actor, task, "inspection.confirm")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": _("Say why the task is sent back for re-inspection.")})
    _require_awaiting(task)
    transition(
        task,
        to=TaskStatus.IN_PROGRESS,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="inspection.send_back",
        reason=reason,
        expected_version=expected_version,
        org_path=task.port.path,
    )
    declaration = _lock_declaration(task)
    declaration_transition(
        declaration=declaration,
        to=DeclarationStatus.UNDER_INSPECTION,
        actor=actor,
        reason=reason,
        extra_fields={"outcome": ""},
    )
    task.declaration = declaration
    return task


@transaction.atomic
def inspection_treatment_complete(
    *, task: InspectionTask, actor, reason: str = "", expected_version: int | None = None
) -> InspectionTask:
    """The ordered treatment was carried out: the consignment is released.

    `expected_version` is the declaration's version as the user saw it.
    """
    if not (can(actor, "inspection.record") or can(actor, "inspection.confirm")):
        raise PermissionDenied()
    _check_scope(actor, task, "inspection.view")
    if task.status != TaskStatus.CLOSED or task.disposition != Disposition.TREATMENT:
        raise Conflict(_("Only a task closed with a treatment order can be released after treatment."))
    declaration = _lock_declaration(task)
    declaration_transition(
        declaration=declaration,
        to=DeclarationStatus.RELEASED,
        actor=actor,
        reason=(reason or "").strip() or _("Treatment completed."),
        expected_version=expected_version,
    )
    audit_record(
        actor=actor,
        verb="inspection.treatment_complete",
        obj=task,
        org_path=task.port.path,
        reason=(reason or "").strip(),
    )
    task.declaration = declaration
    return task
