from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    REPORT = "report", _("Report of a violation")
    CONSULTATION = "consultation", _("Question")


class Category(models.TextChoices):
    PRODUCT_SAFETY = "product_safety", _("Product safety")
    QUALITY = "quality", _("Product quality")
    LABELLING = "labelling", _("Labelling and Chinese label")
    ORIGIN_FRAUD = "origin_fraud", _("False origin or smuggling")
    SERVICE = "service", _("Our service")
    OTHER = "other", _("Other")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("Being handled")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated, action taken")
    PARTLY = "partly", _("Partly substantiated")
    UNSUBSTANTIATED = "unsubstantiated", _("Not substantiated")
    REFERRED = "referred", _("Referred to the competent authority")
    ANSWERED = "answered", _("Question answered")
    INVALID = "invalid", _("Duplicate or invalid")


S = ComplaintStatus
COMPLAINT_TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.IN_PROGRESS, S.CLOSED},
    S.IN_PROGRESS: {S.REPLIED, S.CLOSED},
    S.REPLIED: {S.CLOSED},
    S.CLOSED: set(),
}
OPEN_STATUSES = frozenset({S.RECEIVED, S.IN_PROGRESS})
