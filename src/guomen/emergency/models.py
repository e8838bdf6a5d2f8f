from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import ActivationStatus, PlanKind


class EmergencyPlan(BaseModel):
    """An emergency plan of a unit (应急预案): its kind, the response network and contacts."""

    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=200)
    contacts = models.TextField(_("command group and contacts"))
    revised_on = models.DateField(_("revised on"))

    scope_org_field = "org"

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")

    def __str__(self) -> str:
        return self.title


class Drill(models.Model):
    """A drill of a plan with its record."""

    plan = models.ForeignKey(EmergencyPlan, on_delete=models.CASCADE, related_name="drills")
    held_on = models.DateField(_("held on"))
    scenario = models.CharField(_("scenario"), max_length=255)
    findings = models.TextField(_("findings and improvements"))
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "plan__org"

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")

    def __str__(self) -> str:
        return self.scenario


class Activation(BaseModel):
    """The plan put into action, e.g. on an early warning: the response's tasks and duty roster, closed with a
    review."""

    plan = models.ForeignKey(EmergencyPlan, on_delete=models.PROTECT, related_name="activations")
    early_warning = models.ForeignKey(
        "risk.EarlyWarning",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("early warning"),
    )
    started_on = models.DateField(_("started on"))
    situation = models.TextField(_("situation"))
    tasks = models.TextField(_("tasks and duty roster"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActivationStatus.choices, default=ActivationStatus.ACTIVE
    )
    review = models.TextField(_("review"), blank=True)

    scope_org_field = "plan__org"

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("activation")
        verbose_name_plural = _("activations")

    def __str__(self) -> str:
        return f"{self.plan} {self.started_on}"
