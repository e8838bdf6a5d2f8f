from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalSource(models.TextChoices):
    LAB = "lab", _("Laboratory result")
    INSPECTION = "inspection", _("Inspection finding")
    COMPLAINT = "complaint", _("Consumer complaint (12365)")
    SELF_REPORT = "self_report", _("Enterprise self-report")
    FOREIGN_NOTIFICATION = "foreign_notification", _("Foreign notification")
    MEDIA = "media", _("Media report")
    OTHER = "other", _("Other report")
