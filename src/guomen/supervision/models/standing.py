from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel
from guomen.registry.choices import CreditGrade, EnterpriseClass

from ..choices import RuleKind


class RuleSet(BaseModel):
    """The configurable parameters of one rule set (classification, credit, blacklist, spot checks).

    `params` overrides the documented defaults in supervision.rules; analysts edit it as JSON.
    """

    kind = models.CharField(_("rule set"), max_length=20, choices=RuleKind.choices, unique=True)
    params = models.JSONField(_("parameters"), default=dict)
    updated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")

    def __str__(self) -> str:
        return self.get_kind_display()


class EnterpriseStanding(models.Model):
    """The computed class and credit grade of an enterprise, the inputs behind them and any override.

    The effective values live on registry.Enterprise (classification, credit_grade), where targeting reads them.
    """

    enterprise = models.OneToOneField(
        "registry.Enterprise", on_delete=models.CASCADE, related_name="standing", primary_key=True
    )
    computed_class = models.CharField(_("computed class"), max_length=3, choices=EnterpriseClass.choices)
    computed_grade = models.CharField(_("computed credit grade"), max_length=2, choices=CreditGrade.choices)
    credit_score = models.IntegerField(_("credit score"), default=100)
    inputs = models.JSONField(_("inputs"), default=dict)
    class_override = models.CharField(
        _("class set by an analyst"), max_length=3, choices=EnterpriseClass.choices, blank=True
    )
    override_reason = models.CharField(_("reason for the override"), max_length=255, blank=True)
    override_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_until = models.DateField(_("override valid until"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)

    scope_org_field = "enterprise__org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        verbose_name = _("enterprise standing")
        verbose_name_plural = _("enterprise standings")

    def __str__(self) -> str:
        return f"{self.enterprise_id}: {self.computed_class}/{self.computed_grade}"


class RecomputeRun(models.Model):
    """One recompute of classes and credit grades (scheduled, from the CLI or the page)."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    enterprises = models.PositiveIntegerField(_("enterprises"), default=0)
    class_changes = models.PositiveIntegerField(_("class changes"), default=0)
    grade_changes = models.PositiveIntegerField(_("grade changes"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    params = models.JSONField(_("rules used"), default=dict)
    triggered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("recompute run")
        verbose_name_plural = _("recompute runs")

    def __str__(self) -> str:
        return f"#{self.pk} {self.started_at:%Y-%m-%d %H:%M}"


class StandingChange(models.Model):
    """A change of class or credit grade made by a recompute or an override (the enterprise's history)."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.CASCADE, related_name="standing_changes"
    )
    run = models.ForeignKey(
        RecomputeRun, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    field = models.CharField(_("field"), max_length=20)
    before = models.CharField(_("before"), max_length=3, blank=True)
    after = models.CharField(_("after"), max_length=3, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    at = models.DateTimeField(_("time"))

    scope_org_field = "enterprise__org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("standing change")
        verbose_name_plural = _("standing changes")

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.field}: {self.before}→{self.after}"
