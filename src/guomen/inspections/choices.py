from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting confirmation")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


T = TaskStatus
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    T.OPEN: {T.IN_PROGRESS, T.AWAITING_CONFIRMATION, T.CANCELLED},
    T.IN_PROGRESS: {T.AWAITING_CONFIRMATION, T.OPEN, T.CANCELLED},
    T.AWAITING_CONFIRMATION: {T.CLOSED, T.IN_PROGRESS},
    T.CLOSED: set(),
    T.CANCELLED: set(),
}


class Outcome(models.TextChoices):
    CONFORMING = "conforming", _("Conforming")
    NON_CONFORMING = "non_conforming", _("Non-conforming")


class Disposition(models.TextChoices):
    RELEASE = "release", _("Release")
    CONDITIONAL_RELEASE = "conditional_release", _("Conditional release")
    TREATMENT = "treatment", _("Treatment")
    RETURN = "return", _("Return")
    DESTROY = "destroy", _("Destroy")


class TreatmentKind(models.TextChoices):
    FUMIGATION = "fumigation", _("Fumigation")
    COLD = "cold_treatment", _("Cold treatment")
    HEAT = "heat_treatment", _("Heat treatment")
    VAPOUR_HEAT = "vapour_heat", _("Vapour heat treatment")
    IRRADIATION = "irradiation", _("Irradiation")
    OTHER = "other", _("Other treatment")


class CheckKind(models.TextChoices):
    DOCUMENTARY = "documentary", _("Documentary check")
    IDENTITY = "identity", _("Identity check")
    PHYSICAL = "physical", _("Physical check")


class CheckResult(models.TextChoices):
    CONFORM = "conform", _("Conform")
    NON_CONFORM = "non_conform", _("Non-conform")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the enterprise")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class RectificationOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    SENT_BACK = "sent_back", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


RS = RectificationStatus
RECTIFICATION_TRANSITIONS: dict[str, set[str]] = {
    RS.OPEN: {RS.ANSWERED, RS.CLOSED},
    RS.ANSWERED: {RS.CLOSED, RS.OPEN},
    RS.CLOSED: set(),
}
