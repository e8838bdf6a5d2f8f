from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Kinds of accompanying documents are reference data (import requirements name them too).
from guomen.catalog.choices import DocumentType as DocumentType


class Direction(models.TextChoices):
    IMPORT = "import", pgettext_lazy("direction", "Import")
    EXPORT = "export", pgettext_lazy("direction", "Export")


class Transport(models.TextChoices):
    TRUCK = "truck", _("Truck")
    CONTAINER = "container", _("Container")
    VESSEL = "vessel", _("Vessel")
    AIR = "air", _("Air")
    MAIL = "mail", _("Mail")


class DeclarationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_INSPECTION = "under_inspection", _("Under inspection")
    PENDING_DISPOSITION = "pending_disposition", _("Awaiting disposition")
    RELEASED = "released", _("Released")
    TREATMENT = "treatment", _("Treatment ordered")
    RETURNED = "returned", _("Returned")
    DESTROYED = "destroyed", _("Destroyed")
    CANCELLED = "cancelled", _("Cancelled")


S = DeclarationStatus
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.SUBMITTED: {S.RELEASED, S.UNDER_INSPECTION, S.CANCELLED},
    # released: a supervisor re-routes to release an inspection nothing mandatory asked for
    S.UNDER_INSPECTION: {S.PENDING_DISPOSITION, S.RELEASED, S.CANCELLED},
    S.PENDING_DISPOSITION: {S.RELEASED, S.TREATMENT, S.RETURNED, S.DESTROYED, S.UNDER_INSPECTION},
    S.TREATMENT: {S.RELEASED, S.RETURNED, S.DESTROYED},
    S.RELEASED: set(),
    S.RETURNED: set(),
    S.DESTROYED: set(),
    S.CANCELLED: set(),
}
FINAL_STATUSES = frozenset({S.RELEASED, S.RETURNED, S.DESTROYED, S.CANCELLED})


class Channel(models.TextChoices):
    RELEASE = "release", _("Release (green)")
    DOCUMENT = "document", _("Document check (yellow)")
    PHYSICAL = "physical", _("Physical inspection (red)")
    PHYSICAL_SAMPLING = "physical_sampling", _("Physical inspection + sampling (red)")


# Stronger channels sort later; a decision takes the strongest that applies.
CHANNEL_STRENGTH = {
    Channel.RELEASE: 0,
    Channel.DOCUMENT: 1,
    Channel.PHYSICAL: 2,
    Channel.PHYSICAL_SAMPLING: 3,
}
INSPECTION_CHANNELS = frozenset({Channel.DOCUMENT, Channel.PHYSICAL, Channel.PHYSICAL_SAMPLING})

# Short labels for badges and timeline entries ("布控：查验+抽样").
CHANNEL_SHORT_LABELS = {
    Channel.RELEASE: _("Release"),
    Channel.DOCUMENT: _("Document check"),
    Channel.PHYSICAL: _("Physical inspection"),
    Channel.PHYSICAL_SAMPLING: _("Inspection + sampling"),
}
