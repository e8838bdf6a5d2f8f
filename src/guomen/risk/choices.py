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
    PLANNED = "planned", _("Planned")
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
