from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    """What a broken release rule does to the confirmation."""

    HARD_STOP = "hard_stop", _("Hard stop: release only with an override by a bureau leader")
    HOLD = "hold", _("Hold: wait for the laboratory")
    REFUSE_RELEASE = "refuse_release", _("Release refused: treatment, return or destruction")


class OverrideStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting a bureau leader")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OS = OverrideStatus
OVERRIDE_TRANSITIONS: dict[str, set[str]] = {
    OS.REQUESTED: {OS.GRANTED, OS.REFUSED, OS.WITHDRAWN},
    OS.GRANTED: set(),
    OS.REFUSED: set(),
    OS.WITHDRAWN: set(),
}
