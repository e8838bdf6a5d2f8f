from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from ..choices import MeasureScope, MeasureStatus


class ControlMeasure(BaseModel):
    """Tightened inspection (加严检验) of an enterprise, a production base or an origin × commodity.

    While open, the next `consignments` matching declarations go to inspection + sampling. It is lifted
    automatically after `lift_after_conforming` consecutive conforming results, or on `ends_on`.
    """

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    scope = models.CharField(_("scope"), max_length=20, choices=MeasureScope.choices)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="control_measures",
        verbose_name=_("enterprise"),
    )
    production_base = models.ForeignKey(
        "registry.ProductionBase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="control_measures",
        verbose_name=_("production base"),
    )
    origin = models.ForeignKey(
        "catalog.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("origin"),
    )
    hs_prefix = models.CharField(_("HS prefix"), max_length=10, blank=True)
    commodity_group = models.ForeignKey(
        "catalog.CommodityGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commodity group"),
    )
    consignments = models.PositiveIntegerField(_("consignments to inspect"))
    routed = models.PositiveIntegerField(_("consignments routed"), default=0)
    lift_after_conforming = models.PositiveIntegerField(_("lift after consecutive conforming results"))
    conforming_streak = models.PositiveIntegerField(_("consecutive conforming results"), default=0)
    non_conforming = models.PositiveIntegerField(_("non-conforming results"), default=0)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.ACTIVE, db_index=True
    )
    reason = models.TextField(_("reason"))
    source_ref = models.CharField(_("source record"), max_length=120, blank=True, db_index=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lift_reason = models.TextField(_("reason for lifting"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "scope"])]
        verbose_name = _("control measure")
        verbose_name_plural = _("control measures")

    def __str__(self) -> str:
        return f"{self.get_scope_display()} #{self.pk}"

    @property
    def remaining(self) -> int:
        return max(0, self.consignments - self.routed)

    @property
    def target_label(self) -> str:
        if self.scope == MeasureScope.ENTERPRISE and self.enterprise_id:
            return str(self.enterprise)
        if self.scope == MeasureScope.PRODUCTION_BASE and self.production_base_id:
            return str(self.production_base)
        what = self.hs_prefix or (str(self.commodity_group) if self.commodity_group_id else "")
        return f"{self.origin_id or ''} × {what}"


class MeasureHit(models.Model):
    """A declaration a measure sent to inspection + sampling, and the result it gave."""

    measure = models.ForeignKey(ControlMeasure, on_delete=models.CASCADE, related_name="hits")
    declaration = models.ForeignKey(
        "declarations.Declaration", on_delete=models.CASCADE, related_name="measure_hits"
    )
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)
    routed_at = models.DateTimeField(_("routed at"))
    outcome_at = models.DateTimeField(_("result at"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["measure", "declaration"], name="uniq_measure_hit")]

    def __str__(self) -> str:
        return f"{self.measure_id} → {self.declaration_id}"
