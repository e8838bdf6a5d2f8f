from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from ..choices import ApplicationKind, ApplicationStatus


class AccessApplication(BaseModel):
    """An application for enterprise filing (备案) or production-base registration, and its review."""

    kind = models.CharField(_("kind"), max_length=30, choices=ApplicationKind.choices)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="access_applications",
        verbose_name=_("enterprise"),
    )
    production_base = models.ForeignKey(
        "registry.ProductionBase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_applications",
        verbose_name=_("production base"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    statement = models.TextField(_("statement by the applicant"), blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=255, blank=True)

    scope_org_field = "enterprise__org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("access application")
        verbose_name_plural = _("access applications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.enterprise.name_zh}"
