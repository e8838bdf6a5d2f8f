from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from ..choices import ServiceKind


class EnterpriseService(BaseModel):
    """A quality analysis meeting, a training, an assistance visit or a one-enterprise policy: who held it, when,
    on what topics, and which enterprises attended (ServiceAttendance)."""

    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ServiceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"), db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    hosts = models.CharField(_("hosts and speakers"), max_length=255, blank=True)
    topics = models.TextField(_("topics"))
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("attendances__enterprise",)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("service to enterprises")
        verbose_name_plural = _("services to enterprises")

    def __str__(self) -> str:
        return self.title


class ServiceAttendance(models.Model):
    """An enterprise at a service: how many of its people came, and who."""

    service = models.ForeignKey(EnterpriseService, on_delete=models.CASCADE, related_name="attendances")
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="service_attendances",
        verbose_name=_("enterprise"),
    )
    attendees = models.PositiveSmallIntegerField(_("attendees"), default=1)
    names = models.CharField(_("names"), max_length=255, blank=True)

    scope_org_field = "service__org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["service", "id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "enterprise"], name="uniq_service_attendance")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")

    def __str__(self) -> str:
        return f"{self.service_id}/{self.enterprise_id}"
