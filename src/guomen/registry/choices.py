from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseKind(models.TextChoices):
    IMPORTER = "importer", _("Importer")
    EXPORTER = "exporter", _("Exporter")
    PRODUCER = "producer", _("Producer")
    AGENT = "agent", _("Customs agent")
    COLD_STORE = "cold_store", _("Cold store")
    PACKHOUSE = "packhouse", _("Packhouse")


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
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


# Production-base status changes (core.workflow.transition checks every change against this table).
BASE_TRANSITIONS: dict[str, set[str]] = {
    BaseStatus.ACTIVE: {BaseStatus.SUSPENDED, BaseStatus.REVOKED},
    BaseStatus.SUSPENDED: {BaseStatus.ACTIVE, BaseStatus.REVOKED},
    BaseStatus.REVOKED: set(),
}
