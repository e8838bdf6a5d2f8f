"""Kinds of notification, how each is delivered by e-mail, and the default per kind."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DECLARATION_SELECTED = "declaration_selected", _("Declaration selected for inspection")
    DECLARATION_RELEASED = "declaration_released", _("Goods released")
    DECLARATION_HELD = "declaration_held", _("Goods held")
    SAMPLE_FAILED = "sample_failed", _("Sample failed")
    RECTIFICATION_REQUESTED = "rectification_requested", _("Rectification requested")
    RESULT_TO_CONFIRM = "result_to_confirm", _("Inspection result to confirm")
    QUEUE_ITEM = "queue_item", _("New work in my queue")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("Daily digest e-mail")
    OFF = "off", _("No e-mail (inbox only)")


# Holds and failed results cannot wait for tomorrow; everything else is gathered into the daily digest.
DEFAULT_DELIVERY = {
    Kind.DECLARATION_HELD: Delivery.IMMEDIATE,
    Kind.SAMPLE_FAILED: Delivery.IMMEDIATE,
}

# What an enterprise user is told about; staff additionally get their queue.
ENTERPRISE_KINDS = (
    Kind.DECLARATION_SELECTED,
    Kind.DECLARATION_RELEASED,
    Kind.DECLARATION_HELD,
    Kind.SAMPLE_FAILED,
    Kind.RECTIFICATION_REQUESTED,
)
STAFF_KINDS = (Kind.RESULT_TO_CONFIRM, Kind.QUEUE_ITEM)


def default_delivery(kind: str) -> str:
    return DEFAULT_DELIVERY.get(kind, Delivery.DIGEST)
