"""Inspection writes: opening tasks, recording results, confirming dispositions.

A leaf: the task only. The clearance flow checks the release rules and moves the declaration with it."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.rows import insert
from guomen.core.services import audit_record, model_snapshot
from guomen.core.transactions import atomic_step
from guomen.core.workflow import transition
from guomen.declarations.choices import DeclarationStatus

from ..choices import ALLOWED_TRANSITIONS, Disposition, Outcome, TaskStatus, TreatmentKind
from ..models import InspectionTask
from .results import checklist_save, clean_findings, findings_save

CHANNEL_PRIORITY = {"physical_sampling": 90, "physical": 70, "document": 40}
ACTIVE_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_CONFIRMATION)
# What a confirmed disposition does to the declaration.
DECLARATION_STATUS_FOR = {
    Disposition.RELEASE: DeclarationStatus.RELEASED,
    Disposition.CONDITIONAL_RELEASE: DeclarationStatus.RELEASED,
    Disposition.TREATMENT: DeclarationStatus.TREATMENT,
    Disposition.RETURN: DeclarationStatus.RETURNED,
    Disposition.DESTROY: DeclarationStatus.DESTROYED,
}
# A consignment found conforming may be released or treated, never sent back or destroyed.
NOT_FOR_CONFORMING = frozenset({Disposition.RETURN, Disposition.DESTROY})


@atomic_step  # a step of the caller's transaction, without a savepoint
def inspection_task_open(
    *,
    declaration,
    channel: str,
    instruction: str = "",
    actor=None,
    priority: int | None = None,
    new: bool = False,
) -> InspectionTask:
    """Open the inspection task for a declaration routed to an inspection channel.

    Opening twice gives back the task that is still under way instead of a duplicate. `new`: the declaration
    was recorded in this transaction, so it has no task yet and none is looked for (intake).
    """
    if not new:
        existing = InspectionTask.objects.filter(declaration=declaration, status__in=ACTIVE_STATUSES).first()
        if existing is not None:
            return existing
    (task,) = insert(
        [
            InspectionTask(
                declaration=declaration,
                port=declaration.port,
                channel=channel,
                priority=priority if priority is not None else CHANNEL_PRIORITY.get(channel, 50),
                instruction=instruction,
                due_date=max(declaration.arrival_date, timezone.localdate()),
            )
        ]
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


def already_recorded_message(task: InspectionTask) -> str:
    """Who got there first: the message of a conflict on a task that is no longer open."""
    if task.status == TaskStatus.CANCELLED:
        return _("This task was cancelled.")
    who = task.confirmed_by if task.status == TaskStatus.CLOSED and task.confirmed_by_id else task.recorded_by
    if task.status == TaskStatus.CLOSED:
        return _("This task was already closed by %(name)s (%(d)s). Your result was not saved.") % {
            "name": who or "—",
            "d": task.get_disposition_display() or "—",
        }
    return _("%(name)s already recorded a result for this task. Your result was not saved.") % {
        "name": who or "—"
    }


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


def _disposition_errors(
    outcome: str, disposition: str, treatment_kind: str, conditions: str, field: str, *, decided: bool
) -> dict:
    """What is wrong with a disposition (proposed or decided), by field name.

    The inspector may leave the kind of treatment to the supervisor; the decision must name it.
    """
    errors: dict[str, str] = {}
    if not disposition:
        errors[field] = _("Propose a disposition.")
    elif disposition not in Disposition.values:
        errors[field] = _("Choose release, conditional release, treatment, return or destroy.")
    elif outcome == Outcome.CONFORMING and disposition in NOT_FOR_CONFORMING:
        errors[field] = _("A conforming consignment cannot be returned or destroyed.")
    elif (
        disposition == Disposition.TREATMENT
        and (treatment_kind or decided)
        and (treatment_kind not in TreatmentKind.values)
    ):
        errors["treatment_kind"] = _("Choose the treatment: fumigation, cold treatment, heat treatment...")
    elif disposition == Disposition.CONDITIONAL_RELEASE and not conditions:
        errors["conditions"] = _("State the conditions of the release.")
    if len(conditions) > 2000:
        errors["conditions"] = _("At most 2000 characters.")
    return errors


def _validate_result(
    *,
    outcome: str,
    notes: str,
    findings: list,
    proposed_disposition: str,
    treatment_kind: str,
    conditions: str,
) -> None:
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose conforming or non-conforming.")
    errors |= _disposition_errors(
        outcome, proposed_disposition, treatment_kind, conditions, "proposed_disposition", decided=False
    )
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
    checklist: list[dict] | None = None,
    treatment_kind: str = "",
    conditions: str = "",
) -> InspectionTask:
    """Record the on-site result, checklist and proposed disposition; the supervisor confirms it next."""
    _check_scope(actor, task, "inspection.record")
    notes = (notes or "").strip()
    conditions = (conditions or "").strip()
    findings = list(findings or [])
    if task.status not in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS):
        raise Conflict(already_recorded_message(task))
    if task.status == TaskStatus.IN_PROGRESS and task.assignee_id and task.assignee_id != actor.pk:
        raise Conflict(_("This task is already being inspected by %(name)s.") % {"name": task.assignee})
    _validate_result(
        outcome=outcome,
        notes=notes,
        findings=findings,
        proposed_disposition=proposed_disposition,
        treatment_kind=treatment_kind or "",
        conditions=conditions,
    )
    rows = clean_findings(task, findings)
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
            "treatment_kind": treatment_kind if proposed_disposition == Disposition.TREATMENT else "",
            "conditions": conditions if proposed_disposition == Disposition.CONDITIONAL_RELEASE else "",
            "recorded_by_id": actor.pk,
            "recorded_at": now,
            "assignee_id": task.assignee_id or actor.pk,
            "disposition": "",
            "confirmed_by_id": None,
            "confirmed_at": None,
        },
    )
    answered = checklist_save(task, checklist or [], outcome=outcome)
    findings_save(task, rows, actor=actor, checklist=answered)
    return task


@atomic_step  # a step of the confirmation's transaction, without a savepoint
def inspection_disposition_confirm(
    *,
    task: InspectionTask,
    disposition: str,
    actor,
    reason: str = "",
    expected_version: int | None = None,
    treatment_kind: str | None = None,
    conditions: str | None = None,
    outcome: str | None = None,
) -> InspectionTask:
    """A supervisor of the port's unit (or above) confirms the disposition; the task closes.

    Treatment kind and conditions default to the inspector's proposal. `outcome` is the final outcome
    when it differs from the inspector's (a failed laboratory result makes the goods non-conforming).
    """
    _check_scope(actor, task, "inspection.confirm")
    reason = (reason or "").strip()
    _require_awaiting(task)
    if task.recorded_by_id and task.recorded_by_id == actor.pk:
        raise PermissionDenied(
            _("A result must be confirmed by someone other than the person who recorded it.")
        )
    treatment_kind = task.treatment_kind if treatment_kind in (None, "") else treatment_kind
    conditions = (task.conditions if conditions in (None, "") else conditions).strip()
    outcome = outcome or task.outcome
    errors = _disposition_errors(
        outcome, disposition, treatment_kind, conditions, "disposition", decided=True
    )
    if (
        not errors
        and not reason
        and (
            disposition != task.proposed_disposition
            or (
                disposition == Disposition.TREATMENT
                and task.treatment_kind
                and treatment_kind != task.treatment_kind
            )
        )
    ):
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
            "treatment_kind": treatment_kind if disposition == Disposition.TREATMENT else "",
            "conditions": conditions if disposition == Disposition.CONDITIONAL_RELEASE else "",
            "confirmed_by_id": actor.pk,
            "confirmed_at": timezone.now(),
            "outcome": outcome,
        },
    )
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
    return task


@transaction.atomic
def inspection_treatment_complete(*, task: InspectionTask, actor, reason: str = "") -> InspectionTask:
    """The ordered treatment was carried out (audited on the task); the clearance flow releases the goods."""
    if not (can(actor, "inspection.record") or can(actor, "inspection.confirm")):
        raise PermissionDenied()
    _check_scope(actor, task, "inspection.view")
    if task.status != TaskStatus.CLOSED or task.disposition != Disposition.TREATMENT:
        raise Conflict(_("Only a task closed with a treatment order can be released after treatment."))
    audit_record(
        actor=actor,
        verb="inspection.treatment_complete",
        obj=task,
        org_path=task.port.path,
        reason=(reason or "").strip(),
    )
    return task
