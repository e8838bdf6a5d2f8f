from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel
from guomen.targeting.choices import Channel

from .choices import Disposition, Outcome, TaskStatus


class InspectionTask(BaseModel):
    """An inspection a port's inspectors must carry out on a declaration."""

    declaration = models.ForeignKey(
        "declarations.Declaration", on_delete=models.CASCADE, related_name="inspection_tasks"
    )
    port = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("port")
    )
    channel = models.CharField(_("channel"), max_length=20)
    priority = models.PositiveSmallIntegerField(_("priority"), default=50)
    instruction = models.TextField(_("instruction"), blank=True)
    status = models.CharField(_("status"), max_length=30, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    due_date = models.DateField(_("due date"), db_index=True)
    assignee = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_tasks",
        verbose_name=_("inspector"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    notes = models.TextField(_("findings"), blank=True)
    proposed_disposition = models.CharField(
        _("proposed disposition"), max_length=20, choices=Disposition.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    disposition = models.CharField(_("disposition"), max_length=20, choices=Disposition.choices, blank=True)
    confirmed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    scope_org_field = "port"
    scope_enterprise_fields = ()

    class Meta:
        ordering = ["-priority", "due_date", "id"]
        indexes = [models.Index(fields=["port", "status", "due_date"])]
        verbose_name = _("inspection task")
        verbose_name_plural = _("inspection tasks")

    def __str__(self) -> str:
        return f"{self.declaration_id} #{self.pk}"

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label) if self.channel in Channel.values else self.channel

    @property
    def is_overdue(self) -> bool:
        return self.due_date < timezone.localdate()

    @property
    def is_due_today(self) -> bool:
        return self.due_date == timezone.localdate()


class Finding(models.Model):
    """One thing found during an inspection (a pest, decay, a wrong mark...)."""

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="findings")
    hazard = models.ForeignKey(
        "catalog.Hazard",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("hazard"),
    )
    description = models.CharField(_("description"), max_length=255)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.description
