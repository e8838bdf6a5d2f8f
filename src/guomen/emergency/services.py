"""Emergency plan writes: plans, drills, activation (on an early warning the user may see) and closure with a
review. Scoped to the unit and below, audited; the activation's status follows ACTIVATION_TRANSITIONS."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.permissions import org_in_scope, require, restrict
from guomen.core.services import audit_record
from guomen.core.workflow import transition

from .choices import ACTIVATION_TRANSITIONS, ActivationStatus, PlanKind
from .models import Activation, Drill, EmergencyPlan


def _here(actor, org) -> None:
    require(actor, "emergency.edit")
    if not org_in_scope(actor, org):
        raise PermissionDenied(_("This record is outside your jurisdiction."))


def _need(**values) -> None:
    errors = {k: [_("This field is required.")] for k, v in values.items() if not str(v or "").strip()}
    if errors:
        raise ValidationFailed(fields=errors)


def _day(value, field: str) -> None:
    if value is None or value > timezone.localdate():
        raise ValidationFailed(fields={field: [_("The date must not be in the future.")]})


@transaction.atomic
def plan_save(*, org, kind: str, title: str, contacts: str, revised_on: dt.date, actor) -> EmergencyPlan:
    _here(actor, org)
    if kind not in PlanKind.values:
        raise ValidationFailed(fields={"kind": [_("Choose the kind of plan.")]})
    _need(title=title, contacts=contacts)
    _day(revised_on, "revised_on")
    plan = EmergencyPlan.objects.create(
        org=org, kind=kind, title=title.strip(), contacts=contacts.strip(), revised_on=revised_on
    )
    audit_record(actor=actor, verb="emergency_plan.saved", obj=plan, org_path=org.path, after={"kind": kind})
    return plan


@transaction.atomic
def drill_record(*, plan: EmergencyPlan, held_on: dt.date, scenario: str, findings: str, actor) -> Drill:
    _here(actor, plan.org)
    _need(scenario=scenario, findings=findings)
    _day(held_on, "held_on")
    drill = Drill.objects.create(
        plan=plan, held_on=held_on, scenario=scenario.strip(), findings=findings.strip(), recorded_by=actor
    )
    audit_record(
        actor=actor,
        verb="emergency_drill.recorded",
        obj=drill,
        org_path=plan.org.path,
        after={"held_on": held_on},
    )
    return drill


@transaction.atomic
def plan_activate(
    *, plan: EmergencyPlan, situation: str, tasks: str, early_warning=None, actor
) -> Activation:
    """Put the plan into action; an early warning named must be one the user may see."""
    _here(actor, plan.org)
    _need(situation=situation, tasks=tasks)
    if (
        early_warning is not None
        and not restrict(type(early_warning).objects.filter(pk=early_warning.pk), actor, "risk.view").exists()
    ):
        raise ValidationFailed(fields={"early_warning": [_("No such early warning that you may see.")]})
    activation = Activation.objects.create(
        plan=plan,
        early_warning=early_warning,
        started_on=timezone.localdate(),
        situation=situation.strip(),
        tasks=tasks.strip(),
    )
    audit_record(
        actor=actor,
        verb="emergency_plan.activated",
        obj=activation,
        org_path=plan.org.path,
        after={"plan": plan.pk},
    )
    return activation


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
        extra_fields={"review": review.strip()},
    )
