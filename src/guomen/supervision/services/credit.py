"""Credit management (诚信管理): credit events, blacklisting by a supervisor, the removal petition.

Every change recomputes the enterprise's grade at once (and its class: a blacklisted enterprise is class IV,
grade D) so targeting sees it on the next declaration.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.files import unguessable_name
from guomen.core.four_eyes import require_other_person
from guomen.core.permissions import can
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from .. import rules as R
from ..choices import (
    BLACKLIST_TRANSITIONS,
    CREDIT_EVENT_TRANSITIONS,
    OPEN_BLACKLIST,
    OPEN_PETITION,
    PETITION_TRANSITIONS,
    BlacklistStatus,
    CreditEventKind,
    CreditEventStatus,
    PetitionStatus,
    RuleKind,
    Severity,
)
from ..models import BlacklistEntry, CreditEvent, RemovalPetition
from ..selectors import conforming_streak
from ._common import clean, need_reason, need_text, path_of, require_own_enterprise, require_staff_for
from .standing import recompute, ruleset_get

BLACKLIST_FOUR_EYES = _l(
    "Four eyes: the person who proposed the blacklisting cannot decide it; another supervisor must."
)
REMOVAL_FOUR_EYES = _l(
    "Four eyes: the supervisor who recommended lifting the blacklisting cannot approve it; another supervisor must."
)


def _refresh_standing(enterprise, proposer=None) -> None:
    recompute(enterprise_ids=[enterprise.pk], proposer=proposer)
    enterprise.refresh_from_db()


@transaction.atomic
def credit_event_record(
    *,
    enterprise,
    kind: str,
    occurred_on,
    description: str,
    severity: str = "",
    evidence: str = "",
    evidence_file=None,
    related_event=None,
    source_ref: str = "",
    actor,
) -> CreditEvent:
    """Record a credit event; its points follow the credit scheme in force. Idempotent on `source_ref`."""
    require_staff_for(actor, "supervision.credit.record", enterprise)
    if source_ref:
        existing = CreditEvent.objects.filter(enterprise=enterprise, source_ref=source_ref).first()
        if existing is not None:
            return existing
    errors = {}
    if kind not in CreditEventKind.values:
        errors["kind"] = [_("Choose violation, warning, rectification or commendation.")]
    if kind == CreditEventKind.VIOLATION and severity not in Severity.values:
        errors["severity"] = [_("Choose how serious the violation is.")]
    if kind == CreditEventKind.RECTIFICATION and (
        related_event is None
        or related_event.enterprise_id != enterprise.pk
        or related_event.kind != CreditEventKind.VIOLATION
    ):
        errors["related_event"] = [_("Name the violation of this enterprise that was rectified.")]
    if occurred_on is not None and occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("The date must not be in the future.")]
    if not str(evidence or "").strip() and not evidence_file:
        errors["evidence"] = [_("Give the evidence: document numbers, records or a file.")]
    if errors:
        raise ValidationFailed(fields=errors)
    return _event_create(
        enterprise=enterprise,
        kind=kind,
        severity=severity,
        occurred_on=occurred_on,
        description=description,
        evidence=evidence,
        evidence_file=evidence_file,
        related_event=related_event,
        source_ref=source_ref,
        actor=actor,
    )


def _event_create(
    *,
    enterprise,
    kind,
    severity,
    occurred_on,
    description,
    evidence,
    evidence_file,
    related_event,
    source_ref,
    actor,
) -> CreditEvent:
    scheme = ruleset_get(RuleKind.CREDIT)
    rectified = related_event.points if related_event is not None else 0
    event = CreditEvent(
        enterprise=enterprise,
        kind=kind,
        severity=severity if kind == CreditEventKind.VIOLATION else "",
        points=R.event_points(kind, severity, scheme, rectified_points=rectified),
        occurred_on=occurred_on,
        description=need_text(description, "description"),
        evidence=str(evidence or "").strip(),
        related_event=related_event,
        source_ref=source_ref,
        recorded_by=actor,
    )
    if evidence_file:
        evidence_file.name = unguessable_name(evidence_file.name)
        event.evidence_file = evidence_file
    clean(event)
    event.save()
    audit_record(
        actor=actor,
        verb="credit.recorded",
        obj=event,
        org_path=path_of(enterprise),
        after=model_snapshot(event, ["kind", "severity", "points", "occurred_on", "evidence"]),
    )
    _refresh_standing(enterprise, proposer=actor)
    return event


@transaction.atomic
def credit_rectification_restore(
    *, violation: CreditEvent, source_ref: str, description: str, evidence: str, actor
):
    """The credit event of a completed rectification of `violation`, when the scheme gives points back for it.

    Called when staff of the enterprise's jurisdiction accept a rectification (the acceptance is the authorised,
    audited decision); idempotent on `source_ref`; nothing when the violation was withdrawn, is already
    rectified, or the scheme restores nothing.
    """
    enterprise = violation.enterprise
    # The officer who accepts may work at the port while the enterprise is supervised by the branch above it:
    # acceptance needs the rectification's unit, not the enterprise's, so only a bureau officer is required here.
    if getattr(actor, "role", None) == "enterprise" or not can(actor, "rectification.create"):
        raise PermissionDenied()
    existing = CreditEvent.objects.filter(enterprise=enterprise, source_ref=source_ref).first()
    if existing is not None:
        return existing
    scheme = ruleset_get(RuleKind.CREDIT)
    if (
        violation.kind != CreditEventKind.VIOLATION
        or violation.status != CreditEventStatus.ACTIVE
        or float(scheme["rectification_restore"]) <= 0
        or violation.follow_ups.filter(
            kind=CreditEventKind.RECTIFICATION, status=CreditEventStatus.ACTIVE
        ).exists()
    ):
        return None
    return _event_create(
        enterprise=enterprise,
        kind=CreditEventKind.RECTIFICATION,
        severity="",
        occurred_on=timezone.localdate(),
        description=description,
        evidence=evidence,
        evidence_file=None,
        related_event=violation,
        source_ref=source_ref,
        actor=actor,
    )


@transaction.atomic
def credit_event_withdraw(*, event: CreditEvent, reason: str, actor, expected_version=None) -> CreditEvent:
    require_staff_for(actor, "supervision.credit.withdraw", event.enterprise)
    transition(
        event,
        to=CreditEventStatus.WITHDRAWN,
        allowed=CREDIT_EVENT_TRANSITIONS,
        actor=actor,
        verb="credit.withdrawn",
        reason=need_reason(reason),
        expected_version=expected_version,
        org_path=path_of(event.enterprise),
    )
    _refresh_standing(event.enterprise)
    return event


@transaction.atomic
def blacklist_propose(*, enterprise, reason: str, legal_basis: str = "", actor) -> BlacklistEntry:
    require_staff_for(actor, "supervision.blacklist.propose", enterprise)
    reason = need_reason(reason)
    if BlacklistEntry.objects.filter(enterprise=enterprise, status__in=OPEN_BLACKLIST).exists():
        message = _("This enterprise is already blacklisted or proposed for it.")
        raise ValidationFailed(message, fields={"enterprise": [message]})
    entry = BlacklistEntry.objects.create(
        enterprise=enterprise,
        reason=reason,
        legal_basis=str(legal_basis or "").strip()[:255],
        required_conforming=int(ruleset_get(RuleKind.BLACKLIST)["required_conforming"]),
        proposed_by=actor,
    )
    audit_record(
        actor=actor,
        verb="blacklist.proposed",
        obj=entry,
        org_path=path_of(enterprise),
        after={"enterprise": enterprise.uscc},
        reason=reason,
    )
    return entry


@transaction.atomic
def blacklist_decide(*, entry: BlacklistEntry, approve: bool, note: str, actor, expected_version=None):
    """A second supervisor's decision on a proposal: blacklist (published at once) or reject.

    Four eyes: the person who proposed the blacklisting never decides it.
    """
    require_staff_for(actor, "supervision.blacklist.decide", entry.enterprise)
    require_other_person(actor, entry.proposed_by_id, message=BLACKLIST_FOUR_EYES)
    note = need_reason(note, "note")
    to = BlacklistStatus.LISTED if approve else BlacklistStatus.REJECTED
    extra = {"decided_by_id": actor.pk, "decision_note": note[:255]}
    if approve:
        extra["listed_at"] = timezone.now()
    transition(
        entry,
        to=to,
        allowed=BLACKLIST_TRANSITIONS,
        actor=actor,
        verb=f"blacklist.{to}",
        reason=note,
        expected_version=expected_version,
        org_path=path_of(entry.enterprise),
        extra_fields=extra,
    )
    if approve:
        _refresh_standing(entry.enterprise)
    return entry


@transaction.atomic
def petition_submit(
    *, entry: BlacklistEntry, root_cause: str, corrective_actions: str, actor
) -> RemovalPetition:
    """The enterprise petitions for removal, giving the root cause and its corrective actions."""
    require_own_enterprise(actor, "supervision.petition.submit", entry.enterprise)
    errors = {}
    if entry.status != BlacklistStatus.LISTED:
        errors["entry"] = [_("Only a blacklisted enterprise can petition for removal.")]
    elif entry.petitions.filter(status__in=OPEN_PETITION).exists():
        errors["entry"] = [_("A petition is already waiting for a decision.")]
    for name, value in (("root_cause", root_cause), ("corrective_actions", corrective_actions)):
        if len(str(value or "").strip()) < 10:
            errors[name] = [_("Describe it in at least 10 characters.")]
    if errors:
        raise ValidationFailed(fields=errors)
    petition = RemovalPetition.objects.create(
        entry=entry,
        root_cause=root_cause.strip(),
        corrective_actions=corrective_actions.strip(),
        submitted_by=actor,
        conforming_streak=conforming_streak(entry),
    )
    audit_record(
        actor=actor,
        verb="blacklist.petition_submitted",
        obj=petition,
        org_path=path_of(entry.enterprise),
        after={"entry": entry.pk},
    )
    return petition


@transaction.atomic
def petition_decide(*, petition: RemovalPetition, grant: bool, reason: str, actor, expected_version=None):
    """Refuse, or grant in two steps (four eyes): one supervisor recommends lifting, another approves it.

    Lifting needs N consecutive conforming consignments since the blacklisting, checked at both steps.
    """
    entry = petition.entry
    require_staff_for(actor, "supervision.petition.decide", entry.enterprise)
    approving = grant and petition.status == PetitionStatus.RECOMMENDED
    if approving:
        require_other_person(actor, petition.recommended_by_id, message=REMOVAL_FOUR_EYES)
    reason = need_reason(reason)
    streak = conforming_streak(entry)
    if grant and streak < entry.required_conforming:
        message = _(
            "%(streak)s consecutive conforming consignments since the blacklisting; %(needed)s are required."
        ) % {"streak": streak, "needed": entry.required_conforming}
        raise ValidationFailed(message, fields={"grant": [message]})
    if grant and not approving:
        return transition(
            petition,
            to=PetitionStatus.RECOMMENDED,
            allowed=PETITION_TRANSITIONS,
            actor=actor,
            verb="blacklist.petition_recommended",
            reason=reason,
            expected_version=expected_version,
            org_path=path_of(entry.enterprise),
            extra_fields={
                "recommended_by_id": actor.pk,
                "recommended_at": timezone.now(),
                "conforming_streak": streak,
            },
        )
    to = PetitionStatus.GRANTED if grant else PetitionStatus.REFUSED
    transition(
        petition,
        to=to,
        allowed=PETITION_TRANSITIONS,
        actor=actor,
        verb=f"blacklist.petition_{to}",
        reason=reason,
        expected_version=expected_version,
        org_path=path_of(entry.enterprise),
        extra_fields={
            "decided_by_id": actor.pk,
            "decided_at": timezone.now(),
            "decision_reason": reason[:255],
            "conforming_streak": streak,
        },
    )
    if grant:
        transition(
            entry,
            to=BlacklistStatus.LIFTED,
            allowed=BLACKLIST_TRANSITIONS,
            actor=actor,
            verb="blacklist.lifted",
            reason=reason,
            org_path=path_of(entry.enterprise),
            extra_fields={"lifted_at": timezone.now()},
        )
        _refresh_standing(entry.enterprise)
    return petition
