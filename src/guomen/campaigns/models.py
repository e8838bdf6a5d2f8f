from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.models import BaseModel

from .choices import ActivityCategory, CampaignKind, CampaignStatus, LinkKind, Metric


class Campaign(BaseModel):
    """A quality month or special action: theme, period, scope, targets, activities and linked records."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices)
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.PLANNED
    )
    commodity_groups = models.ManyToManyField(
        "catalog.CommodityGroup", blank=True, related_name="+", verbose_name=_("commodity groups")
    )
    enterprise_kinds = models.JSONField(_("enterprise types"), default=list, blank=True)
    ports = models.ManyToManyField("accounts.OrgUnit", blank=True, related_name="+", verbose_name=_("ports"))
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"
    scope_global_read = True

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.name


class CampaignTarget(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField(pgettext_lazy("indicator", "measure"), max_length=20, choices=Metric.choices)
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "metric"], name="uniq_campaign_target")]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.metric} {self.target}"


class Activity(BaseModel):
    """An activity of a campaign in one of the four categories (宣传, 整治, 服务, 品牌)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="activities")
    category = models.CharField(_("category"), max_length=20, choices=ActivityCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "campaign__org"

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class OutreachRecord(BaseModel):
    """What an activity reached: events held, enterprises visited, materials distributed, people reached."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="outreach")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="outreach"
    )
    held_on = models.DateField(_("date"))
    events_held = models.PositiveIntegerField(_("events held"), default=0)
    enterprises_visited = models.PositiveIntegerField(_("enterprises visited"), default=0)
    materials_distributed = models.PositiveIntegerField(_("materials distributed"), default=0)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "campaign__org"

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("outreach record")
        verbose_name_plural = _("outreach records")

    def __str__(self) -> str:
        return f"{self.held_on} {self.note}"


class CampaignLink(models.Model):
    """A record counted towards the campaign: an inspection, a spot check, a sample, a signal, a warning."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=20, choices=LinkKind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    linked_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind", "object_id"], name="uniq_campaign_link")
        ]
        indexes = [models.Index(fields=["campaign", "kind"])]
        verbose_name = _("linked record")
        verbose_name_plural = _("linked records")

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
