"""The statuses of the port lines of work and their transitions tables (one table per record, one pattern)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LicenceStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


L = LicenceStatus
LICENCE_TRANSITIONS: dict[str, set[str]] = {
    L.VALID: {L.SUSPENDED, L.REVOKED, L.EXPIRED},
    L.SUSPENDED: {L.VALID, L.REVOKED, L.EXPIRED},
    L.REVOKED: set(),
    L.EXPIRED: set(),
}


class FoodBusiness(models.TextChoices):
    CATERING = "catering", _("Catering")
    SHOP = "shop", _("Food shop")
    SUPPLY = "supply", _("Food supply to vessels and aircraft")


class Grade(models.TextChoices):
    """量化分级: the grade given by the annual hygiene assessment."""

    A = "A", _("A (good)")
    B = "B", _("B (fair)")
    C = "C", _("C (poor)")


class ConsigneeStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    REGISTERED = "registered", _("Registered")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


W = ConsigneeStatus
CONSIGNEE_TRANSITIONS: dict[str, set[str]] = {
    W.APPLIED: {W.REGISTERED, W.CANCELLED},
    W.REGISTERED: {W.SUSPENDED, W.CANCELLED},
    W.SUSPENDED: {W.REGISTERED, W.CANCELLED},
    W.CANCELLED: set(),
}


class AgencyCheckKind(models.TextChoices):
    GOODS = "goods", _("Goods inspection (验货)")
    FACTORY = "factory", _("Factory audit (验厂)")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Under investigation")
    PENALISED = "penalised", _("Penalised")
    DISMISSED = "dismissed", _("Dismissed")


F = FindingStatus
FINDING_TRANSITIONS: dict[str, set[str]] = {
    F.OPEN: {F.PENALISED, F.DISMISSED},
    F.PENALISED: set(),
    F.DISMISSED: set(),
}


class PackagingKind(models.TextChoices):
    DRUM = "drum", _("Drum")
    JERRICAN = "jerrican", _("Jerrican")
    BOX = "box", _("Box")
    BAG = "bag", _("Bag")
    IBC = "ibc", _("Intermediate bulk container")
    COMPOSITE = "composite", _("Composite packaging")


class UseResult(models.TextChoices):
    PASSED = "passed", _("Fit for use")
    FAILED = "failed", _("Not fit for use")


class UseStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REFUSED = "refused", _("Not to be used")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


U = UseStatus
# A failed inspection is recorded as refused at once; a passed one is valid until withdrawn or expired.
USE_TRANSITIONS: dict[str, set[str]] = {
    U.VALID: {U.WITHDRAWN, U.EXPIRED},
    U.REFUSED: set(),
    U.WITHDRAWN: set(),
    U.EXPIRED: set(),
}


# HS headings of solid waste imported as raw material (限制进口类可用作原料的固体废物): goods under them are released
# only to a registered domestic consignee (clearance rule `waste_consignee_not_registered`).
WASTE_HS_PREFIXES: tuple[str, ...] = (
    "2618", "2619", "2620", "3915", "4004", "4707", "5103", "6310",
    "7204", "7404", "7503", "7602", "7802", "7902", "8002",
)  # fmt: skip
