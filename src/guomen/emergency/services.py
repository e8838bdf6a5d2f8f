"""Emergency plan writes: plans, drills, activation (on an early warning the user may see), the response's tasks,
duty roster and status reports while it is active, and closure with a review. Scoped to the unit and below,
audited; the activation's status follows ACTIVATION_TRANSITIONS."""

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record
from guomen.core.workflow import transition

from .choices import ACTIVATION_TRANSITIONS, ActivationStatus, PlanKind
from .models import Activation, ActivationTask, Drill, DutyShift, EmergencyPlan, StatusReport


def _here(actor, org, action: str = "emergency.edit") -> None:
    require(actor, action)
    if not org_in_scope(actor, org):
        raise PermissionDenied(_("This record is outside your jurisdiction."))


def _need(**values) -> None:
    errors = {k: [_("This field is required.")] for k, v in values.items() if not str(v or "").strip()}
    if errors:
        raise ValidationFailed(fields=errors)


def _day(value, field: str) -> None:
    if value is None or value > timezone.localdate():
        raise ValidationFailed(fields={field: [_("The date must not be in the future.")]})


def _responder(actor, activation: Activation) -> None:
    """Staff of the plan's unit and below, or someone named on the response (a task or a duty)."""
    require(actor, "emergency.respond")
    plan = activation.plan
    named = (
        ActivationTask.objects.filter(activation=activation, assignee=actor).exists()
        or DutyShift.objects.filter(activation=activation, person=actor).exists()
    )
    if not org_in_scope(actor, plan.org) and not named:
        raise PermissionDenied(_("This record is outside your jurisdiction."))


def _active(activation: Activation) -> None:
    if activation.status != ActivationStatus.ACTIVE:
        raise Conflict(_("The response is closed: nothing more can be added."))


def _staff_of(plan: EmergencyPlan, person, field: str) -> None:
    """A person given a task or a duty: active staff of the plan's unit or one below it."""
    from guomen.accounts.choices import Role

    ok = (
        person is not None
        and person.is_active
        and person.role not in (Role.ENTERPRISE, Role.SYSTEM)
        and person.org_id is not None
        and person.org.path.startswith(plan.org.path)
    )
    if not ok:
        raise ValidationFailed(fields={field: [_("Choose a member of staff of the plan's unit.")]})


def _saved(obj):
    """Check the row as the database will (lengths, choices) before it is written: a refusal names the field."""
    try:
        obj.full_clean()
    except DjangoValidationError as exc:
        raise validation_error_from_django(exc) from exc
    obj.save(force_insert=True)
    return obj


def _aware(moment):
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _audit(actor, verb: str, obj, plan: EmergencyPlan, after: dict):
    audit_record(actor=actor, verb=verb, obj=obj, org_path=plan.org.path, after=after)


@transaction.atomic
def plan_save(*, org, kind: str, title: str, contacts: str, revised_on: dt.date, actor) -> EmergencyPlan:
    _here(actor, org)
    if kind not in PlanKind.values:
        raise ValidationFailed(fields={"kind": [_("Choose the kind of plan.")]})
    _need(title=title, contacts=contacts)
    _day(revised_on, "revised_on")
    plan = _saved(
        EmergencyPlan(
            org=org, kind=kind, title=title.strip(), contacts=contacts.strip(), revised_on=revised_on
        )
    )
    _audit(actor, "emergency_plan.saved", plan, plan, {"kind": kind})
    return plan


@transaction.atomic
def drill_record(*, plan: EmergencyPlan, held_on: dt.date, scenario: str, findings: str, actor) -> Drill:
    _here(actor, plan.org)
    _need(scenario=scenario, findings=findings)
    _day(held_on, "held_on")
    drill = _saved(
        Drill(
            plan=plan,
            held_on=held_on,
            scenario=scenario.strip(),
            findings=findings.strip(),
            recorded_by=actor,
        )
    )
    _audit(actor, "emergency_drill.recorded", drill, plan, {"held_on": held_on})
    return drill


@transaction.atomic
def plan_activate(
    *, plan: EmergencyPlan, situation: str, instructions: str = "", early_warning=None, actor
) -> Activation:
    """Put the plan into action (a rapid response); an early warning named must be one the user may see."""
    from guomen.risk.selectors import warning_list

    _here(actor, plan.org)
    _need(situation=situation)
    if early_warning is not None and not warning_list(user=actor).filter(pk=early_warning.pk).exists():
        raise ValidationFailed(fields={"early_warning": [_("No such early warning that you may see.")]})
    activation = _saved(
        Activation(
            plan=plan,
            early_warning=early_warning,
            started_on=timezone.localdate(),
            situation=situation.strip(),
            instructions=str(instructions or "").strip(),
            activated_by=actor,
        )
    )
    after = {"plan": plan.pk, "early_warning": getattr(early_warning, "number", "")}
    _audit(actor, "emergency_plan.activated", activation, plan, after)
    return activation


@transaction.atomic
def task_add(*, activation: Activation, title: str, assignee, due_on: dt.date, actor) -> ActivationTask:
    plan = activation.plan
    _here(actor, plan.org)
    _active(activation)
    _need(title=title)
    _staff_of(plan, assignee, "assignee")
    if due_on is None or due_on < activation.started_on:
        raise ValidationFailed(fields={"due_on": [_("The task cannot be due before the response started.")]})
    task = _saved(
        ActivationTask(activation=activation, title=title.strip(), assignee=assignee, due_on=due_on)
    )
    _audit(actor, "emergency_task.added", task, plan, {"assignee": assignee.username, "due_on": due_on})
    return task


@transaction.atomic
def task_done(*, task: ActivationTask, actor, expected_version=None) -> ActivationTask:
    """The task is done: its assignee or a supervisor of the plan's unit says so, once."""
    activation = task.activation
    plan = activation.plan
    if task.assignee_id == actor.pk:
        require(actor, "emergency.respond")
    else:
        _here(actor, plan.org)
    _active(activation)
    version = task.version if expected_version is None else expected_version
    today = timezone.localdate()
    updated = ActivationTask.objects.filter(pk=task.pk, version=version, done_on__isnull=True).update(
        done_on=today, done_by=actor, version=version + 1
    )
    if not updated:
        raise Conflict(_("The task was already done or changed by someone else."))
    task.done_on, task.done_by, task.version = today, actor, version + 1
    _audit(actor, "emergency_task.done", task, plan, {"done_on": today})
    return task


@transaction.atomic
def duty_add(*, activation: Activation, person, starts_at, ends_at, phone: str, actor) -> DutyShift:
    plan = activation.plan
    _here(actor, plan.org)
    _active(activation)
    _need(phone=phone)
    _staff_of(plan, person, "person")
    starts_at, ends_at = _aware(starts_at), _aware(ends_at)
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise ValidationFailed(fields={"ends_at": [_("The duty must end after it starts.")]})
    digits = str(phone).strip()
    if len(digits) > 30 or not all(c.isdigit() or c in " +-()" for c in digits):
        raise ValidationFailed(
            fields={"phone": [_("Give a phone number (digits, spaces, + - and brackets).")]}
        )
    duty = _saved(
        DutyShift(activation=activation, person=person, starts_at=starts_at, ends_at=ends_at, phone=digits)
    )
    _audit(actor, "emergency_duty.added", duty, plan, {"person": person.username})
    return duty


@transaction.atomic
def report_add(*, activation: Activation, text: str, actor) -> StatusReport:
    """A status report of the response, written by staff of the plan's unit while it is active."""
    plan = activation.plan
    _responder(actor, activation)
    _active(activation)
    _need(text=text)
    report = _saved(
        StatusReport(activation=activation, reported_at=timezone.now(), text=text.strip(), author=actor)
    )
    _audit(actor, "emergency_report.added", report, plan, {"activation": activation.pk})
    return report


@transaction.atomic
def activation_close(*, activation: Activation, review: str, actor, expected_version=None) -> Activation:
    _here(actor, activation.plan.org)
    _need(review=review)
    return transition(
        activation,
        to=ActivationStatus.CLOSED,
        allowed=ACTIVATION_TRANSITIONS,
        actor=actor,
        verb="emergency_plan.closed",
        expected_version=expected_version,
        org_path=activation.plan.org.path,
        extra_fields={"review": review.strip(), "closed_on": timezone.localdate()},
    )
