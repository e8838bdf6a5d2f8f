"""Overriding a hard stop: a supervisor asks with a reason, a bureau leader (never the same person) decides."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.four_eyes import require_other_person
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition
from guomen.inspections.choices import TaskStatus

from ..choices import OVERRIDE_TRANSITIONS, OverrideStatus, Severity
from ..errors import ReleaseRefused
from ..models import ReleaseOverride
from .tasks import RELEASES, clearance_confirm, lock_declaration, release_check

MAX_REASON = 2000


def _reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={field: [_("Write the reason; it is kept with the decision.")]})
    if len(reason) > MAX_REASON:
        raise ValidationFailed(fields={field: [_("At most %(n)d characters.") % {"n": MAX_REASON}]})
    return reason


@transaction.atomic
def override_request(*, task, disposition: str, actor, reason: str, conditions: str = "") -> ReleaseOverride:
    """Ask a bureau leader to release despite the hard stops broken now (only hard stops can be overridden)."""
    require(actor, "clearance.override.request")
    if not org_in_scope(actor, task.port):
        raise PermissionDenied(_("This task belongs to another jurisdiction."))
    reason = _reason(reason)
    conditions = (conditions or "").strip()
    if len(conditions) > MAX_REASON:
        raise ValidationFailed(fields={"conditions": [_("At most %(n)d characters.") % {"n": MAX_REASON}]})
    if disposition not in RELEASES:
        raise ValidationFailed(
            fields={"disposition": [_("Only a release or a conditional release needs an override.")]}
        )
    if task.status != TaskStatus.AWAITING_CONFIRMATION:
        raise Conflict(_("This task is no longer awaiting confirmation. Reload it to see the current state."))
    declaration = lock_declaration(task.declaration_id)
    refusing = release_check(declaration=declaration, task=task, disposition=disposition)
    if not refusing:
        raise ValidationFailed(
            fields={"disposition": [_("No release rule is broken: confirm the release directly.")]}
        )
    if any(b.severity != Severity.HARD_STOP for b in refusing):
        raise ReleaseRefused(
            [b for b in refusing if b.severity != Severity.HARD_STOP],
            _("Laboratory holds and failed results cannot be overridden."),
        )
    try:
        with transaction.atomic():
            override = ReleaseOverride.objects.create(
                task=task,
                declaration=declaration,
                port=task.port,
                disposition=disposition,
                conditions=conditions,
                rules=[b.as_dict() for b in refusing],
                reason=reason,
                requested_by=actor,
            )
    except IntegrityError as exc:
        raise Conflict(_("An override for this task is already waiting for a bureau leader.")) from exc
    audit_record(
        actor=actor,
        verb="clearance.override.request",
        obj=override,
        org_path=task.port.path,
        after={**model_snapshot(override, ["task", "declaration", "disposition"]), "rules": override.rules},
        reason=reason,
    )
    return override


def _decider_check(override: ReleaseOverride, actor) -> None:
    require(actor, "clearance.override.decide")
    if not org_in_scope(actor, override.port):
        raise PermissionDenied(_("This task belongs to another jurisdiction."))
    require_other_person(
        actor,
        override.requested_by_id,
        override.task.recorded_by_id,
        message=_(
            "Four eyes: an override is decided by someone other than the person who asked for it or recorded the result."
        ),
    )


@transaction.atomic
def override_grant(*, override: ReleaseOverride, actor, reason: str, expected_version: int | None = None):
    """The leader grants: the release is confirmed past exactly the hard stops that were asked about."""
    _decider_check(override, actor)
    reason = _reason(reason)
    transition(
        override,
        to=OverrideStatus.GRANTED,
        allowed=OVERRIDE_TRANSITIONS,
        actor=actor,
        verb="clearance.override.grant",
        reason=reason,
        expected_version=expected_version,
        org_path=override.port.path,
        extra_fields={"decided_by_id": actor.pk, "decided_at": timezone.now(), "decision_reason": reason},
    )
    task = clearance_confirm(
        task=override.task,
        disposition=override.disposition,
        actor=actor,
        reason=_("Released by override: %(reason)s") % {"reason": reason},
        conditions=override.conditions or None,
        override=override,
    )
    return override, task


@transaction.atomic
def override_refuse(*, override: ReleaseOverride, actor, reason: str, expected_version: int | None = None):
    """The leader refuses: the task stays awaiting a confirmation that meets the rules."""
    _decider_check(override, actor)
    reason = _reason(reason)
    return transition(
        override,
        to=OverrideStatus.REFUSED,
        allowed=OVERRIDE_TRANSITIONS,
        actor=actor,
        verb="clearance.override.refuse",
        reason=reason,
        expected_version=expected_version,
        org_path=override.port.path,
        extra_fields={"decided_by_id": actor.pk, "decided_at": timezone.now(), "decision_reason": reason},
    )
