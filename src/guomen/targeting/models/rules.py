from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from ..choices import Channel


def _fk(model: str, label, related_name: str = "+"):
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=models.PROTECT, related_name=related_name, verbose_name=label
    )


class RuleProfile(BaseModel):
    """A risk profile written by analysts: conditions → a channel for a percentage of matching consignments.

    Every condition that is set must hold; an empty condition always holds. The name and the conditions
    are confidential; inspectors only ever see `instruction`.
    """

    scope_national = True  # national reference data: rows belong to no unit (restrict() checks the role only)

    name = models.CharField(_("name"), max_length=100)
    # conditions
    hs_prefix = models.CharField(_("HS prefix"), max_length=10, blank=True)
    commodity_group = _fk("catalog.CommodityGroup", _("commodity group"))
    origin = _fk("catalog.Country", _("origin"))
    direction = models.CharField(_("direction"), max_length=10, blank=True)
    declarant = _fk("registry.Enterprise", _("declarant"))
    consignee = _fk("registry.Enterprise", _("consignee"))
    production_base = _fk("registry.ProductionBase", _("production base"))
    credit_grades = models.JSONField(_("credit grades"), default=list, blank=True)
    enterprise_classes = models.JSONField(_("enterprise classes"), default=list, blank=True)
    transport = models.CharField(_("transport"), max_length=20, blank=True)
    port = _fk("accounts.OrgUnit", _("port"))
    unit_value_anomaly = models.BooleanField(_("unit value outside the usual band"), default=False)
    weight_anomaly = models.BooleanField(_("weight outside the usual band"), default=False)
    # action
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    percentage = models.PositiveSmallIntegerField(
        _("percentage"), default=100, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    instruction = models.CharField(_("instruction for the inspector"), max_length=255, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["hs_prefix", "name"]
        verbose_name = _("rule profile")
        verbose_name_plural = _("rule profiles")

    def __str__(self) -> str:
        return self.name


SimpleRule = RuleProfile  # the first version's name for the same table
