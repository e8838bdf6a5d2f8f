"""Enforcement writes: interviews (约谈), signed commitments (诚信承诺, 《安全责任书》) and case handovers with partner
agencies. Interviews held and commitments broken are recorded as credit events of the enterprise through
supervision's credit service, so they count in its credit grade; every write is scoped and audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record
from guomen.core.workflow import transition

from .choices import (
    COMMITMENT_TRANSITIONS,
    HANDOVER_TRANSITIONS,
    INTERVIEW_TRANSITIONS,
    PARTNER_TRANSITIONS,
    Agency,
    CommitmentKind,
    CommitmentStatus,
    Direction,
    InterviewStatus,
)
from .models import CampaignPartner, Commitment, Handover, Interview


def _require_here(actor, action: str, org) -> None:
    require(actor, action)
    if getattr(actor, "role", None) == Role.ENTERPRISE or not org_in_scope(actor, org):
        raise PermissionDenied(_("This record is outside your jurisdiction."))


def _need(values: dict) -> None:
    errors = {
        name: [_("This field is required.")] for name, value in values.items() if not str(value or "").strip()
    }
    if errors:
        raise ValidationFailed(fields=errors)


def _not_future(day, field: str) -> None:
    if day is None or day > timezone.localdate():
        raise ValidationFailed(fields={field: [_("The date must not be in the future.")]})


def _save(obj, actor, verb: str, after: dict):
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc
    obj.save(force_insert=True)
    audit_record(actor=actor, verb=verb, obj=obj, org_path=obj.org.path, after=after)
    return obj


@transaction.atomic
def interview_schedule(*, enterprise, scheduled_on: dt.date, subject: str, actor) -> Interview:
    _require_here(actor, "enforcement.edit", enterprise.org)
    _need({"subject": subject})
    if scheduled_on is None:
        raise ValidationFailed(fields={"scheduled_on": [_("This field is required.")]})
    interview = Interview(
        enterprise=enterprise, org=enterprise.org, scheduled_on=scheduled_on, subject=subject.strip()
    )
    return _save(interview, actor, "interview.scheduled", {"scheduled_on": scheduled_on})


@transaction.atomic
def interview_hold(*, interview: Interview, attendees: str, outcome: str, actor, expected_version=None):
    """Record the interview as held; it counts in the enterprise's credit as a warning."""
    from guomen.supervision.services import credit_event_record

    _require_here(actor, "enforcement.record", interview.org)
    _need({"attendees": attendees, "outcome": outcome})
    longest = Interview._meta.get_field("attendees").max_length
    if len(attendees.strip()) > longest:
        raise ValidationFailed(
            fields={"attendees": [_("Enter at most %(max_length)s characters.") % {"max_length": longest}]}
        )
    _not_future(interview.scheduled_on, "scheduled_on")
    event = credit_event_record(
        enterprise=interview.enterprise,
        kind="warning",
        occurred_on=interview.scheduled_on,
        description=_("Quality interview (约谈): %(subject)s") % {"subject": interview.subject[:200]},
        evidence=outcome.strip()[:500],
        source_ref=f"interview:{interview.pk}",
        actor=actor,
    )
    return transition(
        interview,
        to=InterviewStatus.HELD,
        allowed=INTERVIEW_TRANSITIONS,
        actor=actor,
        verb="interview.held",
        expected_version=expected_version,
        org_path=interview.org.path,
        extra_fields={
            "attendees": attendees.strip(),
            "outcome": outcome.strip(),
            "credit_event_id": event.pk,
        },
    )


@transaction.atomic
def interview_cancel(*, interview: Interview, reason: str, actor, expected_version=None):
    _require_here(actor, "enforcement.edit", interview.org)
    _need({"reason": reason})
    return transition(
        interview,
        to=InterviewStatus.CANCELLED,
        allowed=INTERVIEW_TRANSITIONS,
        actor=actor,
        verb="interview.cancelled",
        reason=reason,
        expected_version=expected_version,
        org_path=interview.org.path,
    )


@transaction.atomic
def commitment_record(
    *, enterprise, kind: str, signed_on: dt.date, text: str, valid_until: dt.date | None = None, actor
) -> Commitment:
    _require_here(actor, "enforcement.record", enterprise.org)
    if kind not in CommitmentKind.values:
        raise ValidationFailed(fields={"kind": [_("Choose the kind of commitment.")]})
    _need({"text": text})
    _not_future(signed_on, "signed_on")
    if valid_until is not None and valid_until < signed_on:
        raise ValidationFailed(fields={"valid_until": [_("The commitment ends before it is signed.")]})
    commitment = Commitment(
        enterprise=enterprise,
        org=enterprise.org,
        kind=kind,
        signed_on=signed_on,
        valid_until=valid_until,
        text=text.strip(),
    )
    return _save(commitment, actor, "commitment.recorded", {"kind": kind, "signed_on": signed_on})


@transaction.atomic
def commitment_break(
    *, commitment: Commitment, reason: str, occurred_on: dt.date, actor, expected_version=None
):
    """The enterprise broke its commitment: recorded as a credit violation (general)."""
    from guomen.supervision.services import credit_event_record

    _require_here(actor, "enforcement.edit", commitment.org)
    _need({"reason": reason})
    _not_future(occurred_on, "occurred_on")
    event = credit_event_record(
        enterprise=commitment.enterprise,
        kind="violation",
        severity="general",
        occurred_on=occurred_on,
        description=_("Broke its %(kind)s") % {"kind": commitment.get_kind_display()},
        evidence=reason.strip()[:500],
        source_ref=f"commitment:{commitment.pk}",
        actor=actor,
    )
    return transition(
        commitment,
        to=CommitmentStatus.BROKEN,
        allowed=COMMITMENT_TRANSITIONS,
        actor=actor,
        verb="commitment.broken",
        reason=reason,
        expected_version=expected_version,
        org_path=commitment.org.path,
        extra_fields={"credit_event_id": event.pk},
    )


@transaction.atomic
def handover_record(
    *,
    direction: str,
    agency: str,
    subject: str,
    handed_on: dt.date,
    org=None,
    enterprise=None,
    agency_office: str = "",
    reference: str = "",
    campaign=None,
    actor,
) -> Handover:
    """A case handed over to a partner agency or received from one (joint enforcement)."""
    org = org or (enterprise.org if enterprise is not None else getattr(actor, "org", None))
    if org is None:
        raise PermissionDenied()
    _require_here(actor, "enforcement.edit", org)
    errors = {}
    if direction not in Direction.values:
        errors["direction"] = [_("Choose handed over or received.")]
    if agency not in Agency.values:
        errors["agency"] = [_("Choose the partner agency.")]
    if enterprise is not None and not org_in_scope(actor, enterprise.org):
        errors["enterprise"] = [_("This record is outside your jurisdiction.")]
    if (
        campaign is not None
        and not org_in_scope(actor, campaign.org)
        and not actor.org.path.startswith(campaign.org.path)
    ):
        errors["campaign"] = [_("This campaign belongs to another unit.")]
    if errors:
        raise ValidationFailed(fields=errors)
    _need({"subject": subject})
    _not_future(handed_on, "handed_on")
    handover = Handover(
        direction=direction,
        agency=agency,
        agency_office=agency_office.strip(),
        enterprise=enterprise,
        org=org,
        subject=subject.strip(),
        handed_on=handed_on,
        reference=reference.strip(),
        campaign=campaign,
    )
    return _save(handover, actor, "handover.recorded", {"direction": direction, "agency": agency})


@transaction.atomic
def handover_set_status(*, handover: Handover, to: str, result: str = "", actor, expected_version=None):
    _require_here(actor, "enforcement.edit", handover.org)
    extra = {}
    if to in ("concluded", "returned"):
        _need({"result": result})
    if str(result or "").strip():
        extra["result"] = result.strip()  # the partner's reply, or the outcome once concluded
    return transition(
        handover,
        to=to,
        allowed=HANDOVER_TRANSITIONS,
        actor=actor,
        verb="handover.status",
        reason=str(result or ""),
        expected_version=expected_version,
        org_path=handover.org.path,
        extra_fields=extra,
    )


@transaction.atomic
def partner_invite(*, campaign, agency: str, agency_office: str, role: str = "", actor) -> CampaignPartner:
    """Invite a partner agency's office to a joint campaign of the actor's unit (or one below it)."""
    _require_here(actor, "enforcement.edit", campaign.org)
    errors = {}
    if agency not in Agency.values:
        errors["agency"] = [_("Choose a partner agency from the list.")]
    if not str(agency_office or "").strip():
        errors["agency_office"] = [_("This field is required.")]
    if campaign.status not in ("planned", "active"):
        errors["campaign"] = [_("Partners join a planned or running campaign.")]
    if errors:
        raise ValidationFailed(fields=errors)
    office = agency_office.strip()
    if CampaignPartner.objects.filter(campaign=campaign, agency=agency, agency_office=office).exists():
        raise ValidationFailed(fields={"agency_office": [_("This office is already on the campaign.")]})
    partner = CampaignPartner(
        campaign=campaign, agency=agency, agency_office=office, role=str(role or "").strip(), org=campaign.org
    )
    try:
        partner.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc
    partner.save(force_insert=True)
    audit_record(
        actor=actor,
        verb="campaign_partner.invited",
        obj=partner,
        org_path=campaign.org.path,
        after={"campaign": campaign.code, "agency": agency, "office": office},
    )
    return partner


@transaction.atomic
def partner_set_status(
    *, partner: CampaignPartner, to: str, reason: str = "", role: str = "", actor, expected_version=None
):
    """The partner takes part (saying what it does), declines or withdraws (PARTNER_TRANSITIONS)."""
    _require_here(actor, "enforcement.edit", partner.org)
    extra = {"role": role.strip()} if str(role or "").strip() else {}
    if to in ("declined", "withdrawn"):
        _need({"reason": reason})
    return transition(
        partner,
        to=to,
        allowed=PARTNER_TRANSITIONS,
        actor=actor,
        verb="campaign_partner.status",
        reason=str(reason or ""),
        expected_version=expected_version,
        org_path=partner.org.path,
        extra_fields=extra,
    )
