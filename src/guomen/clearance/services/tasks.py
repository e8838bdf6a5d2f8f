"""The inspection's end: recording the result, the release rules, confirming, sending back, treatment."""

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.permissions import require
from guomen.core.services import audit_batch
from guomen.declarations.choices import DeclarationStatus
from guomen.declarations.models import Declaration
from guomen.declarations.services import declaration_transition
from guomen.inspections import services as inspections
from guomen.inspections.choices import Disposition, Outcome
from guomen.inspections.models import InspectionTask
from guomen.targeting.services import outcome_recorded

from ..announce import HELD, RELEASED, RESULT_RECORDED, announce
from ..choices import OverrideStatus, Severity
from ..errors import ReleaseRefused
from ..facts import facts_load
from ..rules import evaluate, hard_stops
from .certify import certify_release, on_release
from .signals import signal_for_inspection

RELEASES = frozenset({Disposition.RELEASE, Disposition.CONDITIONAL_RELEASE})
# What a confirmed disposition does to the declaration.
DECLARATION_STATUS_FOR = {
    Disposition.RELEASE: DeclarationStatus.RELEASED,
    Disposition.CONDITIONAL_RELEASE: DeclarationStatus.RELEASED,
    Disposition.TREATMENT: DeclarationStatus.TREATMENT,
    Disposition.RETURN: DeclarationStatus.RETURNED,
    Disposition.DESTROY: DeclarationStatus.DESTROYED,
}


def lock_declaration(declaration_id) -> Declaration:
    """The declaration as it is in the database now (row-locked where the database can)."""
    return (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("port", "declarant", "consignee")
        .get(pk=declaration_id)
    )


@transaction.atomic
def clearance_record_result(*, task: InspectionTask, actor, **result) -> InspectionTask:
    """The inspector's result and proposal; the declaration awaits the supervisor's decision."""
    task = inspections.inspection_result_record(task=task, actor=actor, **result)
    declaration = lock_declaration(task.declaration_id)
    declaration_transition(
        declaration=declaration,
        to=DeclarationStatus.PENDING_DISPOSITION,
        actor=actor,
        reason=_("Inspection result: %(outcome)s; proposed: %(disposition)s.")
        % {
            "outcome": Outcome(task.outcome).label,
            "disposition": Disposition(task.proposed_disposition).label,
        },
        extra_fields={"outcome": task.outcome},
    )
    task.declaration = declaration
    announce(RESULT_RECORDED, declaration=declaration, task=task)
    return task


def release_check(*, declaration, task, disposition: str, granted=None) -> list:
    """The broken rules that refuse this disposition now (empty when it may go ahead)."""
    return refusals(evaluate(facts_load(declaration, task=task)), disposition=disposition, granted=granted)


def refusals(broken, *, disposition: str, granted=None) -> list:
    """Which of the broken rules refuse this disposition.

    A confirmation waits while a sample is at the laboratory, except a conditional release (the goods
    leave under conditions until the results come; a failure then opens a recall item). A release is
    refused by a failed laboratory result, and by a hard stop unless a granted override covers exactly
    those rules.
    """
    refusing = []
    if disposition != Disposition.CONDITIONAL_RELEASE:
        refusing += [b for b in broken if b.severity == Severity.HOLD]
    if disposition in RELEASES:
        refusing += [b for b in broken if b.severity == Severity.REFUSE_RELEASE]
        covered = granted.rule_codes if granted is not None else set()
        refusing += [b for b in hard_stops(broken) if b.code not in covered]
    return refusing


def _refusal_message(refusing) -> str:
    if all(b.severity == Severity.HOLD for b in refusing):
        return _("The task waits for laboratory results; it cannot be confirmed yet.")
    if any(b.severity == Severity.REFUSE_RELEASE for b in refusing):
        return _(
            "Release refused: a laboratory result is non-conforming. Decide treatment, return or destruction."
        )
    return _(
        "Release refused: the release rules are not met. Decide another disposition, or ask a bureau leader "
        "to override with a reason."
    )


@transaction.atomic
def clearance_confirm(
    *,
    task: InspectionTask,
    disposition: str,
    actor,
    reason: str = "",
    expected_version: int | None = None,
    treatment_kind: str | None = None,
    conditions: str | None = None,
    override=None,
) -> InspectionTask:
    """A supervisor confirms the disposition after the release rules; the declaration follows.

    Refused with every broken rule (409, nothing changed) when the rules do not allow it. `override`, a
    granted ReleaseOverride, lets the release pass the hard stops it names (and only those).
    """
    require(actor, "inspection.confirm")  # the role first: the broken rules are no one else's to read
    with audit_batch():  # the confirmation's events go in one statement
        return _confirm(
            task=task,
            disposition=disposition,
            actor=actor,
            reason=reason,
            expected_version=expected_version,
            treatment_kind=treatment_kind,
            conditions=conditions,
            override=override,
        )


def _confirm(*, task, disposition, actor, reason, expected_version, treatment_kind, conditions, override):
    declaration = lock_declaration(task.declaration_id)
    broken = evaluate(facts_load(declaration, task=task))
    refusing = refusals(broken, disposition=disposition, granted=override)
    if refusing:
        raise ReleaseRefused(refusing, _refusal_message(refusing))
    inspected = task.outcome
    lab_failed = any(b.severity == Severity.REFUSE_RELEASE for b in broken)
    task = inspections.inspection_disposition_confirm(
        task=task,
        disposition=disposition,
        actor=actor,
        reason=reason,
        expected_version=expected_version,
        treatment_kind=treatment_kind,
        conditions=conditions,
        outcome=Outcome.NON_CONFORMING if lab_failed else None,
    )
    declaration_transition(
        declaration=declaration,
        to=DECLARATION_STATUS_FOR[disposition],
        actor=actor,
        reason=reason or _("Disposition confirmed: %(d)s.") % {"d": Disposition(disposition).label},
        extra_fields={"outcome": task.outcome},
    )
    task.declaration = declaration
    certify_release(declaration, actor=actor)
    if inspected == Outcome.NON_CONFORMING:  # a failed sample was reported by the laboratory already
        signal_for_inspection(task, actor=actor)
    outcome_recorded(declaration=declaration, actor=actor)  # targeting: features and control measures
    announce(RELEASED if disposition in RELEASES else HELD, declaration=declaration, task=task)
    return task


@transaction.atomic
def clearance_send_back(*, task: InspectionTask, actor, reason: str, expected_version: int | None = None):
    """The supervisor does not accept the result: re-inspection; the declaration is under inspection again."""
    task = inspections.inspection_send_back(
        task=task, actor=actor, reason=reason, expected_version=expected_version
    )
    declaration = lock_declaration(task.declaration_id)
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
def clearance_treatment_done(
    *, task: InspectionTask, actor, reason: str = "", expected_version: int | None = None
) -> InspectionTask:
    """The ordered treatment was carried out: the goods are released if no hard stop remains.

    `expected_version` is the declaration's version as the user saw it.
    """
    task = inspections.inspection_treatment_complete(task=task, actor=actor, reason=reason)
    declaration = lock_declaration(task.declaration_id)
    broken = evaluate(facts_load(declaration, task=task))
    granted = task.overrides.filter(status=OverrideStatus.GRANTED).order_by("-decided_at").first()
    # the treatment answered the failure it was ordered for; holds and hard stops still apply
    refusing = [
        b
        for b in refusals(broken, disposition=Disposition.RELEASE, granted=granted)
        if b.severity != Severity.REFUSE_RELEASE
    ]
    if refusing:
        raise ReleaseRefused(refusing, _refusal_message(refusing))
    declaration_transition(
        declaration=declaration,
        to=DeclarationStatus.RELEASED,
        actor=actor,
        reason=(reason or "").strip() or _("Treatment completed."),
        expected_version=expected_version,
    )
    task.declaration = declaration
    on_release(declaration, actor=actor, task=task)
    return task
