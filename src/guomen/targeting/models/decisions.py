from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Channel


class TargetingDecision(models.Model):
    """Which check a declaration gets, and why.

    `reasons` and `instruction` are what the bureau's inspectors and supervisors see (never the enterprise,
    its system clients or the public); `explanation` holds what fired (rule names, measures, level, floors,
    score and feature contributions) for analysts only.
    """

    declaration = models.OneToOneField(
        "declarations.Declaration", on_delete=models.CASCADE, related_name="decision"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    instruction = models.TextField(_("instruction for the inspector"), blank=True)
    decided_by = models.CharField(_("decided by"), max_length=40, default="rules")
    decided_at = models.DateTimeField(_("decided at"))
    score = models.FloatField(_("risk score"), null=True, blank=True)
    model = models.ForeignKey(
        "targeting.RiskModel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("model version"),
    )
    random_control = models.BooleanField(_("random control group"), default=False, db_default=False)
    mandatory = models.BooleanField(
        _("required by rules, measures or floors"), default=False, db_default=False
    )
    model_selected = models.BooleanField(_("selected by the risk score"), default=False, db_default=False)
    explanation = models.JSONField(_("explanation"), default=dict, db_default={}, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, db_default=[], blank=True)
    original_channel = models.CharField(
        _("channel before re-routing"), max_length=20, blank=True, db_default=""
    )
    rerouted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rerouted_at = models.DateTimeField(_("re-routed at"), null=True, blank=True)
    reroute_reason = models.TextField(_("reason for re-routing"), blank=True, db_default="")
    outcome_counted_at = models.DateTimeField(_("result counted at"), null=True, blank=True)

    scope_org_field = "declaration__port"

    class Meta:
        indexes = [models.Index(fields=["decided_at"])]
        verbose_name = _("targeting decision")
        verbose_name_plural = _("targeting decisions")

    def __str__(self) -> str:
        return f"{self.declaration_id}: {self.channel}"


class TargetingSettings(models.Model):
    """Engine settings (one row): the random control rate and the default physical-inspection share."""

    random_rate = models.FloatField(_("random control rate"), default=0.02)
    default_capacity = models.FloatField(_("default physical-inspection share"), default=0.10)
    sampling_score = models.FloatField(_("score from which the model also asks for samples"), default=0.3)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("targeting settings")
        verbose_name_plural = _("targeting settings")

    def __str__(self) -> str:
        return f"random {self.random_rate:.1%}, capacity {self.default_capacity:.1%}"


class PortCapacity(models.Model):
    """The share of a port's declarations its inspectors can physically inspect."""

    port = models.OneToOneField(
        "accounts.OrgUnit",
        on_delete=models.CASCADE,
        related_name="targeting_capacity",
        verbose_name=_("port"),
    )
    physical_share = models.FloatField(_("physical-inspection share"))
    expected_daily = models.PositiveIntegerField(_("expected declarations per day"), default=0)
    mandatory_share = models.FloatField(_("share required by rules and measures"), default=0.0)
    updated_at = models.DateTimeField(auto_now=True)

    scope_org_field = "port"

    class Meta:
        ordering = ["port__path"]
        verbose_name = _("port capacity")
        verbose_name_plural = _("port capacities")

    def __str__(self) -> str:
        return f"{self.port_id}: {self.physical_share:.0%}"


class PortDayLoad(models.Model):
    """Counters of one port's decisions on one day, read by the capacity check."""

    port = models.ForeignKey("accounts.OrgUnit", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    decided = models.PositiveIntegerField(default=0)
    physical = models.PositiveIntegerField(default=0)
    mandatory = models.PositiveIntegerField(default=0)
    model_selected = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["port", "day"], name="uniq_port_day_load")]

    def __str__(self) -> str:
        return f"{self.port_id} {self.day}: {self.physical}/{self.decided}"


class OutcomeStat(models.Model):
    """Inspection results so far for one enterprise, production base, origin × HS, port or commodity band.

    Updated when a result is confirmed and rebuilt from history by the statistics task; the decision reads
    its features from these rows, so it only ever sees results known before it.
    """

    kind = models.CharField(max_length=12)
    key = models.CharField(max_length=40)
    inspected = models.PositiveIntegerField(default=0)
    non_conforming = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(null=True, blank=True)
    last_nc_at = models.DateTimeField(null=True, blank=True)
    # commodity bands (kind "hs"): median value per kg and median line weight with their spread
    value_median = models.FloatField(null=True, blank=True)
    value_low = models.FloatField(null=True, blank=True)
    value_high = models.FloatField(null=True, blank=True)
    weight_median = models.FloatField(null=True, blank=True)
    weight_low = models.FloatField(null=True, blank=True)
    weight_high = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="uniq_outcome_stat")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.non_conforming}/{self.inspected}"
