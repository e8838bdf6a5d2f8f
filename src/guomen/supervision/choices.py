"""Supervision status values and their transitions tables (core.workflow.transition checks each change)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationKind(models.TextChoices):
    ENTERPRISE_FILING = "enterprise_filing", _("Enterprise filing")
    BASE_REGISTRATION = "base_registration", _("Production-base registration")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("application", "Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", pgettext_lazy("application", "Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


AS = ApplicationStatus
APPLICATION_TRANSITIONS: dict[str, set[str]] = {
    AS.SUBMITTED: {AS.APPROVED, AS.REJECTED, AS.WITHDRAWN},
    AS.APPROVED: set(),
    AS.REJECTED: set(),
    AS.WITHDRAWN: set(),
}


class CreditEventKind(models.TextChoices):
    VIOLATION = "violation", _("Violation")
    WARNING = "warning", _("Warning issued")
    RECTIFICATION = "rectification", _("Rectification completed")
    COMMENDATION = "commendation", _("Commendation")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    GENERAL = "general", _("General")
    SERIOUS = "serious", _("Serious")
    GRAVE = "grave", _("Grave")


class CreditEventStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    WITHDRAWN = "withdrawn", _("Withdrawn")


CREDIT_EVENT_TRANSITIONS: dict[str, set[str]] = {
    CreditEventStatus.ACTIVE: {CreditEventStatus.WITHDRAWN},
    CreditEventStatus.WITHDRAWN: set(),
}


class BlacklistStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    LISTED = "listed", _("Blacklisted")
    REJECTED = "rejected", _("Proposal rejected")
    LIFTED = "lifted", _("Lifted")


BS = BlacklistStatus
BLACKLIST_TRANSITIONS: dict[str, set[str]] = {
    BS.PROPOSED: {BS.LISTED, BS.REJECTED},
    BS.LISTED: {BS.LIFTED},
    BS.REJECTED: set(),
    BS.LIFTED: set(),
}
OPEN_BLACKLIST = (BS.PROPOSED, BS.LISTED)


class PetitionStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("application", "Submitted")
    RECOMMENDED = "recommended", _("Lifting recommended: awaiting a second supervisor")
    GRANTED = "granted", _("Granted: blacklisting lifted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


PS = PetitionStatus
PETITION_TRANSITIONS: dict[str, set[str]] = {
    PS.SUBMITTED: {PS.RECOMMENDED, PS.REFUSED, PS.WITHDRAWN},
    PS.RECOMMENDED: {PS.GRANTED, PS.REFUSED, PS.WITHDRAWN},
    PS.GRANTED: set(),
    PS.REFUSED: set(),
    PS.WITHDRAWN: set(),
}
OPEN_PETITION = (PS.SUBMITTED, PS.RECOMMENDED)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DRAWN = "drawn", _("Drawn")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


PLAN_TRANSITIONS: dict[str, set[str]] = {
    PlanStatus.DRAFT: {PlanStatus.DRAWN, PlanStatus.CANCELLED},
    PlanStatus.DRAWN: {PlanStatus.CLOSED},
    PlanStatus.CLOSED: set(),
    PlanStatus.CANCELLED: set(),
}


class CheckStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    RECORDED = "recorded", _("Result recorded")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


CHECK_TRANSITIONS: dict[str, set[str]] = {
    CheckStatus.ASSIGNED: {CheckStatus.RECORDED, CheckStatus.CANCELLED},
    CheckStatus.RECORDED: {CheckStatus.PUBLISHED, CheckStatus.ASSIGNED},
    CheckStatus.PUBLISHED: set(),
    CheckStatus.CANCELLED: set(),
}


class CheckResult(models.TextChoices):
    CONFORMING = "conforming", _("Conforming")
    NON_CONFORMING = "non_conforming", _("Non-conforming: rectification ordered")


class ItemOutcome(models.TextChoices):
    CONFORM = "conform", _("Conforms")
    NON_CONFORM = "non_conform", _("Does not conform")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class RuleKind(models.TextChoices):
    CLASSIFICATION = "classification", _("Classification rules")
    CREDIT = "credit", _("Credit grade scheme")
    BLACKLIST = "blacklist", _("Blacklist rules")
    SPOT_CHECK = "spot_check", _("Spot-check rules")


class DowngradeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed: awaiting a second supervisor")
    APPROVED = "approved", _("Approved: grade D applied")
    REJECTED = "rejected", pgettext_lazy("application", "Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn: the score recovered")


DS = DowngradeStatus
DOWNGRADE_TRANSITIONS: dict[str, set[str]] = {
    DS.PROPOSED: {DS.APPROVED, DS.REJECTED, DS.WITHDRAWN},
    DS.APPROVED: set(),
    DS.REJECTED: set(),
    DS.WITHDRAWN: set(),
}


class ServiceKind(models.TextChoices):
    """Services the bureau renders to enterprises (帮扶): the seed reports' meetings, training and visits."""

    QUALITY_MEETING = "quality_meeting", _("Enterprise quality analysis meeting")
    TRAINING = "training", _("Training")
    ASSISTANCE = "assistance", _("Assistance visit")
    ONE_POLICY = "one_policy", _("One enterprise, one policy")
