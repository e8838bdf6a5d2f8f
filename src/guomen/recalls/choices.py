import functools

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ProductCategory(models.TextChoices):
    """The ten hot imported consumer goods of the special rectification (Tianjin report), and cars."""

    AIR_PURIFIER = "air_purifier", _("Air purifiers")
    SMART_TOILET_SEAT = "toilet_seat", _("Smart toilet seats")
    DIAPERS = "diapers", _("Children's diapers")
    RICE_COOKER = "rice_cooker", _("Rice cookers")
    WATER_PURIFIER = "water_purifier", _("Water purifiers")
    HAIR_DRYER = "hair_dryer", _("Hair dryers")
    KITCHENWARE = "kitchenware", _("Kitchen knives and utensils")
    VACUUM_FLASK = "vacuum_flask", _("Vacuum flasks and cups")
    CHILDRENS_PRODUCTS = "children", _("Toys and children's products")
    COSMETICS = "cosmetics", _("Cosmetics")
    CARS = "cars", _("Imported cars")
    OTHER = "other", _("Other consumer goods")


class RecallSource(models.TextChoices):
    DEFECT_REPORT = "defect_report", _("Defect report")
    EARLY_WARNING = "early_warning", _("Risk early warning")
    FOREIGN_NOTICE = "foreign_notice", _("Recall notice abroad")
    MANUFACTURER = "manufacturer", _("Manufacturer's own recall")
    COMPLAINT = "complaint", _("Consumer complaint")


class RecallStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    CONFIRMED = "confirmed", _("Recall confirmed")
    IN_PROGRESS = "in_progress", _("Recall under way")
    COMPLETED = "completed", _("Recall completed")
    CLOSED = "closed", _("Closed after review")
    DISMISSED = "dismissed", _("No recall needed")


S = RecallStatus
# A report is confirmed (a recall is needed) or dismissed; a confirmed recall starts, its progress is reported
# until it is completed, and it is closed with a review.
RECALL_TRANSITIONS: dict[str, set[str]] = {
    S.REPORTED: {S.CONFIRMED, S.DISMISSED},
    S.CONFIRMED: {S.IN_PROGRESS},
    S.IN_PROGRESS: {S.COMPLETED},
    S.COMPLETED: {S.CLOSED},
    S.CLOSED: set(),
    S.DISMISSED: set(),
}


@functools.cache
def _labels(choices, language: str) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def label_of(choices, value: str) -> str:
    """The label of a value in the reader's language, translated once per language (a list page shows one per row;
    get_FOO_display() hashes every lazy label of the field on each call)."""
    return _labels(choices, get_language() or "").get(value, value)
