from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Agency(models.TextChoices):
    """Partner agencies of joint enforcement (清风, 清源, 双打, 三打两建 …)."""

    MARKET_SUPERVISION = "market", _("Market supervision")
    PUBLIC_SECURITY = "police", _("Public security")
    CUSTOMS = "customs", _("Customs")
    AGRICULTURE = "agriculture", _("Agriculture")
    HEALTH = "health", _("Health")
    COMMERCE = "commerce", _("Commerce")
    ENVIRONMENT = "environment", _("Ecology and environment")


class InterviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Interview scheduled")
    HELD = "held", _("Interview held")
    CANCELLED = "cancelled", _("Cancelled")


INTERVIEW_TRANSITIONS: dict[str, set[str]] = {
    InterviewStatus.SCHEDULED: {InterviewStatus.HELD, InterviewStatus.CANCELLED},
    InterviewStatus.HELD: set(),
    InterviewStatus.CANCELLED: set(),
}


class CommitmentKind(models.TextChoices):
    INTEGRITY = "integrity", _("Quality integrity commitment (诚信承诺)")
    SAFETY = "safety", _("Safety responsibility letter (安全责任书)")


class CommitmentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    BROKEN = "broken", _("Broken")
    EXPIRED = "expired", _("Expired")


COMMITMENT_TRANSITIONS: dict[str, set[str]] = {
    CommitmentStatus.IN_FORCE: {CommitmentStatus.BROKEN, CommitmentStatus.EXPIRED},
    CommitmentStatus.BROKEN: set(),
    CommitmentStatus.EXPIRED: set(),
}


class Direction(models.TextChoices):
    OUT = "out", _("Handed over to a partner")
    IN = "in", _("Received from a partner")


class HandoverStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case status", "Open")
    ACCEPTED = "accepted", _("Accepted")
    CONCLUDED = "concluded", _("Concluded")
    RETURNED = "returned", pgettext_lazy("case status", "Returned")


HANDOVER_TRANSITIONS: dict[str, set[str]] = {
    HandoverStatus.OPEN: {HandoverStatus.ACCEPTED, HandoverStatus.RETURNED},
    HandoverStatus.ACCEPTED: {HandoverStatus.CONCLUDED},
    HandoverStatus.CONCLUDED: set(),
    HandoverStatus.RETURNED: set(),
}


class PartnerStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    TAKING_PART = "taking_part", _("Taking part")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn from the campaign")


P = PartnerStatus
# A partner agency is invited to a joint campaign (清风, 清源, 双打 …), takes part or declines, and may withdraw.
PARTNER_TRANSITIONS: dict[str, set[str]] = {
    P.INVITED: {P.TAKING_PART, P.DECLINED},
    P.TAKING_PART: {P.WITHDRAWN},
    P.DECLINED: set(),
    P.WITHDRAWN: set(),
}
