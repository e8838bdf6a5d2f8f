from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import Channel


class SimpleRule(BaseModel):
    """A row of the simple rule table: conditions on HS prefix / origin / direction → channel."""

    name = models.CharField(_("name"), max_length=100)
    hs_prefix = models.CharField(_("HS prefix"), max_length=10, blank=True)
    origin = models.ForeignKey(
        "catalog.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("origin"),
    )
    direction = models.CharField(_("direction"), max_length=10, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    instruction = models.CharField(_("instruction for the inspector"), max_length=255, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["hs_prefix", "name"]
        verbose_name = _("targeting rule")
        verbose_name_plural = _("targeting rules")

    def __str__(self) -> str:
        return self.name


class TargetingDecision(models.Model):
    """Which check a declaration gets, and why."""

    declaration = models.OneToOneField(
        "declarations.Declaration", on_delete=models.CASCADE, related_name="decision"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    instruction = models.TextField(_("instruction for the inspector"), blank=True)
    decided_by = models.CharField(_("decided by"), max_length=40, default="rules")
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("targeting decision")
        verbose_name_plural = _("targeting decisions")

    def __str__(self) -> str:
        return f"{self.declaration_id}: {self.channel}"
