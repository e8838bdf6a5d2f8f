from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
    """The plan put into action, e.g. on an early warning (a rapid response): its tasks, duty roster and status
    reports while active, closed with a review."""

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
    instructions = models.TextField(_("first instructions"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivationStatus.choices, default=ActivationStatus.ACTIVE
    )
    review = models.TextField(_("review"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    activated_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "plan__org"

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["status", "-started_on"], name="em_activation_status_latest")]
        verbose_name = _("activation")
        verbose_name_plural = _("activations")

    def __str__(self) -> str:
        return f"{self.plan} {self.started_on}"


class ActivationTask(BaseModel):
    """A task of the response: who does it, by when, and when it was done."""

    activation = models.ForeignKey(Activation, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(pgettext_lazy("response", "task"), max_length=255)
    assignee = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned to")
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "activation__plan__org"

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("response task")
        verbose_name_plural = _("response tasks")

    def __str__(self) -> str:
        return self.title


class DutyShift(models.Model):
    """A line of the duty roster: who is on duty, from when to when, on which phone."""

    activation = models.ForeignKey(Activation, on_delete=models.CASCADE, related_name="duties")
    person = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("on duty")
    )
    starts_at = models.DateTimeField(pgettext_lazy("duty", "from"))
    ends_at = models.DateTimeField(pgettext_lazy("duty", "to"))
    phone = models.CharField(_("phone"), max_length=30)

    scope_org_field = "activation__plan__org"

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty roster")

    def __str__(self) -> str:
        return f"{self.person} {self.starts_at:%Y-%m-%d %H:%M}"


class StatusReport(models.Model):
    """A status report of the response (情况报告), written while it is active."""

    activation = models.ForeignKey(Activation, on_delete=models.CASCADE, related_name="reports")
    reported_at = models.DateTimeField(_("time"))
    text = models.TextField(_("report"))
    author = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("reported by")
    )

    scope_org_field = "activation__plan__org"

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")

    def __str__(self) -> str:
        return f"{self.reported_at:%Y-%m-%d %H:%M}"
