from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseKind(models.TextChoices):
    IMPORTER = "importer", _("Importer")
    EXPORTER = "exporter", _("Exporter")
    PRODUCER = "producer", _("Producer")
    AGENT = "agent", _("Customs agent")
    COLD_STORE = "cold_store", _("Cold store")
    PACKHOUSE = "packhouse", _("Packhouse")
    CAR_DEALER = "car_dealer", _("Car importer or dealer")
    INSPECTION_AGENCY = "inspection_agency", _("Inspection agency")
    CERTIFICATION_BODY = "certification_body", _("Certification body")
    PORT_FOOD = "port_food", _("Food business at the port")
    WASTE_CONSIGNEE = "waste_consignee", _("Solid-waste consignee")
    DG_PACKAGING = "dg_packaging", _("Dangerous-goods packaging producer or user")


class FilingStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    FILED = "filed", _("Filed")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class CreditGrade(models.TextChoices):
    AA = "AA", "AA"
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class EnterpriseClass(models.TextChoices):
    I = "I", _("Class I")  # noqa: E741
    II = "II", _("Class II")
    III = "III", _("Class III")
    IV = "IV", _("Class IV")


class BaseKind(models.TextChoices):
    ORCHARD = "orchard", _("Orchard")
    PACKHOUSE = "packhouse", _("Packhouse")
    FARM = "farm", _("Farm")
    PROCESSING_PLANT = "processing_plant", _("Processing plant")


class BaseStatus(models.TextChoices):
    PENDING = "pending", _("Pending registration review")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


# Production-base status changes (core.workflow.transition checks every change against this table).
# A registration is reviewed (pending → active, or refused → revoked); a revoked base may only apply again.
BASE_TRANSITIONS: dict[str, set[str]] = {
    BaseStatus.PENDING: {BaseStatus.ACTIVE, BaseStatus.REVOKED},
    BaseStatus.ACTIVE: {BaseStatus.SUSPENDED, BaseStatus.REVOKED},
    BaseStatus.SUSPENDED: {BaseStatus.ACTIVE, BaseStatus.REVOKED},
    BaseStatus.REVOKED: {BaseStatus.PENDING},
}

# Enterprise filing (备案) status changes: reviewed, suspended, revoked, restored; a revoked filing
# must be applied for again (revoked → pending) before it can be approved.
FILING_TRANSITIONS: dict[str, set[str]] = {
    FilingStatus.PENDING: {FilingStatus.FILED, FilingStatus.REVOKED},
    FilingStatus.FILED: {FilingStatus.SUSPENDED, FilingStatus.REVOKED},
    FilingStatus.SUSPENDED: {FilingStatus.FILED, FilingStatus.REVOKED},
    FilingStatus.REVOKED: {FilingStatus.PENDING},
}
