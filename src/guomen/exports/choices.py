from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SiteKind(models.TextChoices):
    PLANTING = "planting", _("Planting base")
    FARM = "farm", _("Breeding farm")
    PROCESSING = "processing", _("Processing plant")


class SiteStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("export site", "Applied")
    REVIEWING = "reviewing", pgettext_lazy("export site", "Under review")
    REGISTERED = "registered", pgettext_lazy("export site", "Registered")
    SUSPENDED = "suspended", pgettext_lazy("export site", "Suspended")
    CANCELLED = "cancelled", pgettext_lazy("export site", "Cancelled")


S = SiteStatus
# apply → review → registered → suspended/cancelled; a suspended site is reinstated or cancelled for good.
SITE_TRANSITIONS: dict[str, set[str]] = {
    S.APPLIED: {S.REVIEWING, S.CANCELLED},
    S.REVIEWING: {S.REGISTERED, S.CANCELLED},
    S.REGISTERED: {S.SUSPENDED, S.CANCELLED},
    S.SUSPENDED: {S.REGISTERED, S.CANCELLED},
    S.CANCELLED: set(),
}
REASON_REQUIRED = frozenset({S.SUSPENDED, S.CANCELLED})


class InputKind(models.TextChoices):
    SEEDLING = "seedling", _("Seedlings or fry (source)")
    FEED = "feed", _("Feed")
    PESTICIDE = "pesticide", _("Pesticide")
    VET_DRUG = "vet_drug", _("Veterinary drug")


# Kinds whose substance is a chemical with a withdrawal period or safe interval (the curated list).
CHEMICAL_KINDS = frozenset({InputKind.PESTICIDE, InputKind.VET_DRUG})
