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
