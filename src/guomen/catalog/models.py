from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import HazardKind, HsLevel


class LocalizedNameMixin:
    @property
    def display_name(self) -> str:
        lang = (get_language() or "zh-hans").lower()
        if lang.startswith("zh"):
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh


class Country(LocalizedNameMixin, models.Model):
    """ISO 3166-1 countries and regions (loaded from pycountry, with Chinese names)."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("alpha-3 code"), max_length=3, unique=True)
    name_en = models.CharField(_("English name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country or region")
        verbose_name_plural = _("countries and regions")

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"


class CommodityGroup(LocalizedNameMixin, models.Model):
    """Commodity groups used in targeting and statistics (fresh fruit, meat, dairy...)."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    code = models.SlugField(_("code"), max_length=30, primary_key=True)
    name_zh = models.CharField(_("Chinese name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=80)
    hs_prefixes = models.JSONField(_("HS prefixes"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("commodity group")
        verbose_name_plural = _("commodity groups")

    def __str__(self) -> str:
        return self.display_name


class HsCode(LocalizedNameMixin, models.Model):
    """HS 2022 nomenclature (chapters, headings, 6-digit subheadings) and 10-digit national codes."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    code = models.CharField(_("HS code"), max_length=10, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=HsLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", db_constraint=False
    )
    section = models.CharField(_("section"), max_length=5, blank=True)
    name_en = models.TextField(_("English description"))
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    group = models.ForeignKey(
        CommodityGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hs_codes",
        verbose_name=_("commodity group"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("HS code")
        verbose_name_plural = _("HS codes")

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"[:120]


class Hazard(LocalizedNameMixin, BaseModel):
    """A quarantine pest, residue, contaminant, microbiological or labelling hazard."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=HazardKind.choices)
    name_zh = models.CharField(_("Chinese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    scientific_name = models.CharField(_("scientific name"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    photo_hint = models.TextField(_("how to recognise it"), blank=True)
    needs_review = models.BooleanField(_("needs review"), default=False)
    cas_number = models.CharField(_("CAS number"), max_length=12, blank=True)
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")

    def __str__(self) -> str:
        return self.display_name

    @property
    def picklist_label(self) -> str:
        """Chinese name first, then the Latin or English name in brackets (the lists of inspectors and the lab)."""
        latin = self.scientific_name or self.name_en
        return f"{self.name_zh}（{latin}）" if latin and latin != self.name_zh else self.name_zh or latin


class HazardSynonym(BaseModel):
    """Another name of a catalogue hazard (a foreign notification's spelling merged into it by an analyst):
    the next import of that spelling lands on the hazard instead of the review queue."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    hazard = models.ForeignKey(
        Hazard, on_delete=models.CASCADE, related_name="synonyms", verbose_name=_("hazard")
    )
    key = models.CharField(_("name (normalised)"), max_length=150, unique=True)
    text = models.CharField(_("name as written"), max_length=150)

    class Meta:
        ordering = ["key"]
        verbose_name = _("hazard synonym")
        verbose_name_plural = _("hazard synonyms")

    def __str__(self) -> str:
        return f"{self.text} → {self.hazard}"


class ResidueLimit(BaseModel):
    """Maximum limit of a hazard (residue, contaminant, microbe) in a commodity (HS prefix)."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    hazard = models.ForeignKey(
        Hazard, on_delete=models.CASCADE, related_name="limits", verbose_name=_("hazard")
    )
    hs = models.ForeignKey(HsCode, on_delete=models.PROTECT, related_name="limits", verbose_name=_("HS code"))
    value = models.DecimalField(_("limit"), max_digits=12, decimal_places=4)
    unit = models.CharField(pgettext_lazy("measure", "unit"), max_length=20, default="mg/kg")
    standard = models.CharField(_("standard"), max_length=60, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["hazard", "hs"], name="uniq_limit_hazard_hs")]
        verbose_name = _("limit")
        verbose_name_plural = _("limits")

    def __str__(self) -> str:
        return f"{self.hazard} {self.hs_id} ≤ {self.value} {self.unit}"


class ImportRequirement(BaseModel):
    """What China requires of a commodity from an origin (protocol conditions)."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    hs = models.ForeignKey(
        HsCode, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("HS code")
    )
    origin = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("origin")
    )
    access_granted = models.BooleanField(_("access granted"), default=True)
    pests = models.ManyToManyField(
        Hazard, blank=True, related_name="requirements", verbose_name=_("pests of concern")
    )
    required_treatment = models.CharField(_("required treatment"), max_length=200, blank=True)
    marking = models.CharField(_("required marking"), max_length=200, blank=True)
    registered_base_required = models.BooleanField(_("registered production base required"), default=False)
    # Declaration document types (declarations.DocumentType values) that must accompany the goods.
    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    protocol = models.CharField(_("protocol or announcement"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["hs", "origin"]
        constraints = [models.UniqueConstraint(fields=["hs", "origin"], name="uniq_requirement_hs_origin")]
        verbose_name = _("import requirement")
        verbose_name_plural = _("import requirements")

    def __str__(self) -> str:
        return f"{self.hs_id} ← {self.origin_id}"
