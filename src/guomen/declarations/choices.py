from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Direction(models.TextChoices):
    IMPORT = "import", pgettext_lazy("direction", "Import")
    EXPORT = "export", pgettext_lazy("direction", "Export")


class Transport(models.TextChoices):
    TRUCK = "truck", _("Truck")
    CONTAINER = "container", _("Container")
    VESSEL = "vessel", _("Vessel")
    AIR = "air", _("Air")
    MAIL = "mail", _("Mail")


class DocumentType(models.TextChoices):
    PHYTOSANITARY_CERTIFICATE = "phytosanitary_certificate", _("Phytosanitary certificate")
    HEALTH_CERTIFICATE = "health_certificate", _("Health certificate")
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin", _("Certificate of origin")
    INVOICE = "invoice", _("Commercial invoice")
    PACKING_LIST = "packing_list", _("Packing list")
    BILL_OF_LADING = "bill_of_lading", _("Bill of lading")
    CONTRACT = "contract", _("Contract")
    IMPORT_PERMIT = "import_permit", _("Import permit")
    OTHER = "other", _("Other")


class DeclarationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_INSPECTION = "under_inspection", _("Under inspection")
    PENDING_DISPOSITION = "pending_disposition", _("Awaiting disposition")
    RELEASED = "released", _("Released")
    TREATMENT = "treatment", _("Treatment ordered")
    RETURNED = "returned", _("Returned")
    DESTROYED = "destroyed", _("Destroyed")
    CANCELLED = "cancelled", _("Cancelled")


S = DeclarationStatus
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.SUBMITTED: {S.RELEASED, S.UNDER_INSPECTION, S.CANCELLED},
    # released: a supervisor re-routes to release an inspection nothing mandatory asked for
    S.UNDER_INSPECTION: {S.PENDING_DISPOSITION, S.RELEASED, S.CANCELLED},
    S.PENDING_DISPOSITION: {S.RELEASED, S.TREATMENT, S.RETURNED, S.DESTROYED, S.UNDER_INSPECTION},
    S.TREATMENT: {S.RELEASED, S.RETURNED, S.DESTROYED},
    S.RELEASED: set(),
    S.RETURNED: set(),
    S.DESTROYED: set(),
    S.CANCELLED: set(),
}
FINAL_STATUSES = frozenset({S.RELEASED, S.RETURNED, S.DESTROYED, S.CANCELLED})
