from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.models import BaseModel

from ..choices import ModelStatus


class FrequencyLevel(BaseModel):
    """The inspection frequency level of an origin × commodity group (EU Regulation 2019/2129 logic)."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    origin = models.ForeignKey(
        "catalog.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("origin")
    )
    commodity_group = models.ForeignKey(
        "catalog.CommodityGroup",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commodity group"),
    )
    level = models.PositiveSmallIntegerField(pgettext_lazy("frequency", "level"), default=0)
    inspected = models.PositiveIntegerField(_("inspected in 12 months"), default=0)
    non_conforming = models.PositiveIntegerField(_("non-conforming in 12 months"), default=0)
    rate = models.FloatField(_("non-conformity rate"), default=0.0)
    group_rate = models.FloatField(_("rate of all origins"), default=0.0)
    computed_on = models.DateField(_("computed on"))
    level_reviewed_on = models.DateField(_("level last reviewed on"), null=True, blank=True)

    class Meta:
        ordering = ["-level", "origin", "commodity_group"]
        constraints = [
            models.UniqueConstraint(fields=["origin", "commodity_group"], name="uniq_level_origin_group")
        ]
        verbose_name = _("frequency level")
        verbose_name_plural = _("frequency levels")

    def __str__(self) -> str:
        return f"{self.origin_id} × {self.commodity_group_id}: {self.level}"


class RiskModel(BaseModel):
    """A trained risk model: the LightGBM file under var/models/ and what it was trained on."""

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    name = models.CharField(_("version"), max_length=60, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ModelStatus.choices, default=ModelStatus.CANDIDATE, db_index=True
    )
    file = models.CharField(_("model file"), max_length=255)
    sha256 = models.CharField(_("checksum"), max_length=64)
    feature_set = models.CharField(_("feature set"), max_length=40, default="declaration-v1")
    train_from = models.DateField(_("training window from"), null=True, blank=True)
    train_to = models.DateField(_("training window to"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("training rows"), default=0)
    positives = models.PositiveIntegerField(_("non-conforming in training"), default=0)
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    meta = models.JSONField(_("model metadata"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    promoted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("risk model")
        verbose_name_plural = _("risk models")

    def __str__(self) -> str:
        return self.name
