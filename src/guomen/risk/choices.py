from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SignalSource(models.TextChoices):
    LAB = "lab", _("Laboratory result")
    INSPECTION = "inspection", _("Inspection finding")
    COMPLAINT = "complaint", _("Consumer complaint (12365)")
    SELF_REPORT = "self_report", _("Enterprise self-report")
    FOREIGN_NOTIFICATION = "foreign_notification", _("Foreign notification")
    MEDIA = "media", _("Media report")
    OTHER = "other", _("Other report")


# Sources a person may enter by hand (the others arrive from labs, inspections, complaints and RASFF).
MANUAL_SOURCES = (SignalSource.SELF_REPORT, SignalSource.MEDIA, SignalSource.OTHER, SignalSource.COMPLAINT)


class ClusterDimension(models.TextChoices):
    PRODUCTION_BASE = "production_base", _("Same production base")
    ENTERPRISE = "enterprise", _("Same enterprise")
    ORIGIN_COMMODITY = "origin_commodity", _("Same origin and commodity")


class ClusterStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("risk", "Open")
    CLOSED = "closed", pgettext_lazy("risk", "Closed")


CLUSTER_TRANSITIONS = {ClusterStatus.OPEN: {ClusterStatus.CLOSED}, ClusterStatus.CLOSED: set()}


class RiskDecision(models.TextChoices):
    SERIOUS = "serious", _("Serious")
    POTENTIALLY_SERIOUS = "potentially_serious", _("Potentially serious")
    POTENTIAL_RISK = "potential_risk", _("Potential risk")
    NOT_SERIOUS = "not_serious", _("Not serious")
    NO_RISK = "no_risk", _("No risk")


class Classification(models.TextChoices):
    ALERT = "alert", _("Alert")
    FOLLOW_UP = "follow_up", _("Information for follow-up")
    ATTENTION = "attention", _("Information for attention")
    BORDER_REJECTION = "border_rejection", _("Border rejection")
    NEWS = "news", _("News")


class WarningStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VALIDATED = "validated", _("Validated")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", pgettext_lazy("risk", "Closed")


WARNING_TRANSITIONS = {
    WarningStatus.DRAFT: {WarningStatus.VALIDATED},
    WarningStatus.VALIDATED: {WarningStatus.PUBLISHED, WarningStatus.DRAFT},
    WarningStatus.PUBLISHED: {WarningStatus.CLOSED},
    WarningStatus.CLOSED: set(),
}


class MeasureKind(models.TextChoices):
    TIGHTENED_INSPECTION = "tightened_inspection", _("Tightened inspection")
    SUSPENSION = "suspension", _("Suspension")
    RECALL_REQUEST = "recall_request", _("Recall request")
    CONSUMER_WARNING = "consumer_warning", _("Consumer warning")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("measure status", "Planned")
    IN_FORCE = "in_force", pgettext_lazy("risk", "In force")
    DONE = "done", _("Done")
    LIFTED = "lifted", _("Lifted")


MEASURE_TRANSITIONS = {
    MeasureStatus.PLANNED: {MeasureStatus.IN_FORCE, MeasureStatus.LIFTED},
    MeasureStatus.IN_FORCE: {MeasureStatus.DONE, MeasureStatus.LIFTED},
    MeasureStatus.DONE: set(),
    MeasureStatus.LIFTED: set(),
}
FINISHED_MEASURE_STATUSES = (MeasureStatus.DONE, MeasureStatus.LIFTED)


class MappingKind(models.TextChoices):
    CATEGORY = "category", _("RASFF product category")
    KEYWORD = "keyword", _("Word in the subject")
    ORIGIN = "origin", _("Origin country name")


class RasffClassification(models.TextChoices):
    """RASFF notification classes; older exports say "alert", the current portal "alert notification"."""

    ALERT = "alert", _("Alert notification")
    BORDER_REJECTION = "border_rejection", _("Border rejection notification")
    ATTENTION = "attention", _("Information notification for attention")
    FOLLOW_UP = "follow_up", _("Information notification for follow-up")
    NON_COMPLIANCE = "non_compliance", _("Non-compliance notification")
    NEWS = "news", _("News")


RASFF_CLASSIFICATION_TEXTS = {
    "alert": RasffClassification.ALERT,
    "alert notification": RasffClassification.ALERT,
    "border rejection": RasffClassification.BORDER_REJECTION,
    "border rejection notification": RasffClassification.BORDER_REJECTION,
    "information for attention": RasffClassification.ATTENTION,
    "information notification for attention": RasffClassification.ATTENTION,
    "information for follow-up": RasffClassification.FOLLOW_UP,
    "information notification for follow-up": RasffClassification.FOLLOW_UP,
    "information": RasffClassification.FOLLOW_UP,
    "information notification": RasffClassification.FOLLOW_UP,
    "non-compliance": RasffClassification.NON_COMPLIANCE,
    "non-compliance notification": RasffClassification.NON_COMPLIANCE,
    "news": RasffClassification.NEWS,
    "news notification": RasffClassification.NEWS,
}
RASFF_DECISION_LABELS = {
    "serious": _("Serious"),
    "potentially serious": _("Potentially serious"),
    "potential risk": _("Potential risk"),
    "not serious": _("Not serious"),
    "no risk": _("No risk"),
    "undecided": _("Undecided"),
}
