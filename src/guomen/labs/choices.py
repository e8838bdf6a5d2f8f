from django.db import models
from django.utils.translation import gettext_lazy as _


class SampleStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    SEALED = "sealed", _("Sealed")
    HANDED_OVER = "handed_over", _("Handed over")
    RECEIVED = "received", _("Received by the laboratory")
    TESTING = "testing", _("Testing")
    RESULTS_ENTERED = "results_entered", _("Results awaiting approval")
    APPROVED = "approved", _("Results approved")
    REJECTED = "rejected", _("Rejected")


S = SampleStatus
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.REGISTERED: {S.SEALED, S.REJECTED},
    S.SEALED: {S.HANDED_OVER, S.REJECTED},
    S.HANDED_OVER: {S.RECEIVED, S.REJECTED},
    S.RECEIVED: {S.TESTING, S.REJECTED},
    S.TESTING: {S.RESULTS_ENTERED, S.REJECTED},
    S.RESULTS_ENTERED: {S.APPROVED, S.TESTING},
    S.APPROVED: set(),
    S.REJECTED: set(),
}
FINAL_STATUSES = frozenset({S.APPROVED, S.REJECTED})
# Custody steps: each is a scan of the sample code that moves the sample one step on.
CUSTODY_STEPS = {S.SEALED: "sealed", S.HANDED_OVER: "handed_over", S.RECEIVED: "received"}


class SampleType(models.TextChoices):
    FRUIT_VEGETABLE = "fruit_vegetable", _("Fruit or vegetable")
    PLANT_TISSUE = "plant_tissue", _("Plant tissue (leaves, stems, roots)")
    PEST_SPECIMEN = "pest_specimen", _("Pest specimen")
    FOOD = "food", _("Food product")
    SOIL = "soil", _("Soil or growing medium")
    SWAB = "swab", _("Surface swab")
    PACKAGING = "packaging", _("Packaging or wood material")
    OTHER = "other", _("Other")


class TestKind(models.TextChoices):
    __test__ = False

    PESTICIDE_RESIDUES = "pesticide_residues", _("Pesticide residues")
    PEST_IDENTIFICATION = "pest_identification", _("Pest identification")
    MICROBIOLOGY = "microbiology", _("Microbiology")
    HEAVY_METALS = "heavy_metals", _("Heavy metals and contaminants")
    MYCOTOXINS = "mycotoxins", _("Mycotoxins")
    GMO = "gmo", _("Genetically modified ingredients")


# Days from registration to an approved result, per test (the slowest requested test sets the due date).
# Override with the GUOMEN_LAB_TURNAROUND_DAYS setting, e.g. {"microbiology": 10}.
DEFAULT_TURNAROUND_DAYS = {
    TestKind.PESTICIDE_RESIDUES: 5,
    TestKind.PEST_IDENTIFICATION: 3,
    TestKind.MICROBIOLOGY: 7,
    TestKind.HEAVY_METALS: 7,
    TestKind.MYCOTOXINS: 7,
    TestKind.GMO: 10,
}


class Verdict(models.TextChoices):
    CONFORMING = "conforming", _("Conforming")
    NON_CONFORMING = "non_conforming", _("Non-conforming")
    NO_LIMIT = "no_limit", _("No limit on file")


class SampleUnit(models.TextChoices):
    KG = "kg", _("kg")
    G = "g", _("g")
    PIECE = "piece", _("pieces")
    SPECIMEN = "specimen", _("specimens")
    BAG = "bag", _("bags")
    ML = "ml", _("ml")
