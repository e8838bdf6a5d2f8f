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
    TREATMENT = "treatment", _("Treatment")
    RETURN = "return", _("Return")
    DESTROY = "destroy", _("Destroy")
