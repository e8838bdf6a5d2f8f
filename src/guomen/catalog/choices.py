from django.db import models
from django.utils.translation import gettext_lazy as _


class HazardKind(models.TextChoices):
    QUARANTINE_PEST = "quarantine_pest", _("Quarantine pest")
    PESTICIDE_RESIDUE = "pesticide_residue", _("Pesticide residue")
    CONTAMINANT = "contaminant", _("Contaminant")
    MICROBIOLOGICAL = "microbiological", _("Microbiological")
    LABELLING = "labelling", _("Labelling")
    OTHER = "other", _("Other")


class HsLevel(models.IntegerChoices):
    CHAPTER = 2, _("Chapter")
    HEADING = 4, _("Heading")
    SUBHEADING = 6, _("Subheading")
    NATIONAL = 10, _("National code")


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
