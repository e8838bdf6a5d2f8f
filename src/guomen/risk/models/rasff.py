from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.models import BaseModel

from ..choices import MappingKind


class ForeignNotification(models.Model):
    """A foreign notification (RASFF), as exported by the RASFF portal, mapped onto Guomen's catalogue."""

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    category = models.CharField(_("product category"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=60, blank=True)
    subject = models.TextField(pgettext_lazy("notification", "subject"), blank=True)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True, db_index=True)
    notifying_country = models.CharField(_("notifying country"), max_length=100, blank=True)
    classification = models.CharField(_("classification"), max_length=60, blank=True, db_index=True)
    risk_decision = models.CharField(_("risk decision"), max_length=40, blank=True)
    distribution = models.TextField(_("distribution"), blank=True)
    for_attention = models.TextField(_("for attention"), blank=True)
    for_follow_up = models.TextField(_("for follow-up"), blank=True)
    operator = models.TextField(_("operator"), blank=True)
    origin_text = models.TextField(_("origin as notified"), blank=True)
    hazards_text = models.TextField(_("hazards as notified"), blank=True)
    extra = models.JSONField(_("other columns"), default=dict, blank=True)
    commodity_group = models.ForeignKey(
        "catalog.CommodityGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("commodity group"),
    )
    origins = models.ManyToManyField(
        "catalog.Country", blank=True, related_name="+", verbose_name=_("origins")
    )
    hazards = models.ManyToManyField(
        "catalog.Hazard", blank=True, related_name="+", verbose_name=_("hazards")
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-notified_at", "-id"]
        verbose_name = _("foreign notification")
        verbose_name_plural = _("foreign notifications")

    def __str__(self) -> str:
        return f"RASFF {self.reference}"

    @property
    def classification_label(self) -> str:
        from ..choices import RasffClassification

        if self.classification in RasffClassification.values:
            return RasffClassification(self.classification).label
        return self.classification

    @property
    def extra_items(self) -> list[tuple[str, object]]:
        """Columns kept from the export, known ones under their Chinese names."""
        from ..rasff_read import EXTRA_LABELS

        return [(EXTRA_LABELS.get(k, k), v) for k, v in (self.extra or {}).items()]

    @property
    def risk_decision_label(self) -> str:
        from ..choices import RASFF_DECISION_LABELS

        return RASFF_DECISION_LABELS.get(self.risk_decision, self.risk_decision)


class CommodityMapping(BaseModel):
    """How a RASFF product category (or a word in the subject) maps to a commodity group, or an origin name the
    country table does not know maps to a country; analysts review it."""

    kind = models.CharField(_("kind"), max_length=20, choices=MappingKind.choices)
    text = models.CharField(_("text"), max_length=200)
    commodity_group = models.ForeignKey(
        "catalog.CommodityGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commodity group"),
    )
    country = models.ForeignKey(
        "catalog.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    reviewed = models.BooleanField(_("reviewed"), default=False)

    class Meta:
        ordering = ["kind", "text"]
        constraints = [models.UniqueConstraint(fields=["kind", "text"], name="uniq_risk_mapping_kind_text")]
        verbose_name = _("commodity mapping")
        verbose_name_plural = _("commodity mappings")

    def __str__(self) -> str:
        return f"{self.text} → {self.country_id or self.commodity_group_id or '—'}"
