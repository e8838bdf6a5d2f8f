from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    """The kinds of emergency plan a bureau keeps (the eight of the Zhuhai report first)."""

    FOOD_SAFETY = "food_safety", _("Major food safety incident")
    PORT_HEALTH = "port_health", _("Epidemic at the port")
    PLANT_PEST = "plant_pest", _("Major plant pest")
    ANIMAL_DISEASE = "animal_disease", _("Animal disease")
    HAZARDOUS = "hazardous", _("Radioactive or chemical hazard")
    CONSUMER_GOODS = "consumer_goods", _("Consumer-goods injury")
    NETWORK = "network", _("IT outage")
    NATURAL_DISASTER = "natural_disaster", _("Natural disaster")
    ANTI_TERRORISM = "terrorism", _("Anti-terrorism")
    STABILITY = "stability", _("Public order and stability")


class ActivationStatus(models.TextChoices):
    ACTIVE = "active", _("Response under way")
    CLOSED = "closed", _("Closed with a review")


# An activation runs until it is closed with a review; nothing reopens it (a new activation is a new record).
ACTIVATION_TRANSITIONS: dict[str, set[str]] = {
    ActivationStatus.ACTIVE: {ActivationStatus.CLOSED},
    ActivationStatus.CLOSED: set(),
}
