from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    LICENCE = "licence", _("Administrative licence")
    PENALTY = "penalty", _("Administrative penalty")
