from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CampaignKind(models.TextChoices):
    QUALITY_MONTH = "quality_month", _("Quality month")
    SPECIAL_ACTION = "special_action", _("Special enforcement action")
    RECTIFICATION = "rectification", _("Special rectification")
    PORT_BALANCE = "port_balance", _("Inspection-agency action (Port Balance)")


class CampaignStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


CS = CampaignStatus
CAMPAIGN_TRANSITIONS: dict[str, set[str]] = {
    CS.PLANNED: {CS.ACTIVE, CS.CANCELLED},
    CS.ACTIVE: {CS.CLOSED},
    CS.CLOSED: set(),
    CS.CANCELLED: set(),
}


class ActivityCategory(models.TextChoices):
    PUBLICITY = "publicity", _("Publicity")
    RECTIFICATION = "rectification", _("Rectification")
    SERVICE = "service", _("Services to enterprises")
    BRAND = "brand", _("Brand building")


class Metric(models.TextChoices):
    INSPECTIONS = "inspections", _("Inspections and spot checks")
    OFFICER_VISITS = "officer_visits", _("Law-enforcement officer visits")
    ENTERPRISES = "enterprises", _("Enterprises covered")
    NON_CONFORMITIES = "non_conformities", _("Non-conformities found")
    RECTIFIED = "rectified", _("Non-conformities rectified")
    SAMPLES = "samples", _("Batches sampled")
    WARNINGS = "warnings", _("Warnings issued")
    SIGNALS = "signals", _("Risk signals")
    EVENTS = "events", _("Events held")
    VISITS = "visits", _("Enterprises visited")
    MATERIALS = "materials", _("Materials distributed")
    PEOPLE = "people", _("People reached")


class LinkKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    SPOT_CHECK = "spot_check", _("Spot check")
    SAMPLE = "sample", _("Sample")
    SIGNAL = "signal", _("Risk signal")
    CREDIT_EVENT = "credit_event", _("Credit event (warning, violation)")
    CERTIFICATION_CHECK = "cert_check", _("Annual check of a certified enterprise")
    MARK_MISUSE = "mark_misuse", _("Certification-mark misuse case")
    RECALL = "recall", pgettext_lazy("campaign kind", "Recall")
    AGENCY_FINDING = "agency_finding", _("Inspection-agency finding (口岸天平)")
    ENTERPRISE_SERVICE = "service", _("Quality analysis meeting or training for enterprises")
    COMPLAINT = "complaint", _("Complaint (12365)")


# Which model each link kind points to (app_label.ModelName).
LINK_MODELS = {
    LinkKind.INSPECTION: "inspections.InspectionTask",
    LinkKind.SPOT_CHECK: "supervision.SpotCheckTask",
    LinkKind.SAMPLE: "labs.Sample",
    LinkKind.SIGNAL: "risk.RiskSignal",
    LinkKind.CREDIT_EVENT: "supervision.CreditEvent",
    LinkKind.CERTIFICATION_CHECK: "certification.AnnualCheck",
    LinkKind.MARK_MISUSE: "certification.MarkMisuseCase",
    LinkKind.RECALL: "recalls.Recall",
    LinkKind.AGENCY_FINDING: "portlines.AgencyFinding",
    LinkKind.ENTERPRISE_SERVICE: "supervision.EnterpriseService",
    LinkKind.COMPLAINT: "complaints.Complaint",
}
