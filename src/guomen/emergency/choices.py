from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    """The eight kinds of emergency plan a bureau keeps (Zhuhai report)."""

    ANIMAL_PLANT_EPIDEMIC = "epidemic", _("Animal and plant epidemics at the border")
    FOOD_SAFETY = "food_safety", _("Food safety incidents")
    PORT_HEALTH = "port_health", _("Port health quarantine")
    ANTI_TERRORISM = "terrorism", _("Anti-terrorism")
    STABILITY = "stability", _("Public order and stability")
    NETWORK = "network", _("Network and information systems")
    MAJOR_INCIDENT = "major_incident", _("Major sudden incidents")
    CONSUMER_GOODS = "consumer_goods", _("Consumer goods injuries and hazardous chemicals")


class ActivationStatus(models.TextChoices):
    ACTIVE = "active", _("Response under way")
    CLOSED = "closed", _("Closed with a review")


ACTIVATION_TRANSITIONS: dict[str, set[str]] = {
    ActivationStatus.ACTIVE: {ActivationStatus.CLOSED},
    ActivationStatus.CLOSED: set(),
}
