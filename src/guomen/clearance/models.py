from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel
from guomen.inspections.choices import Disposition

from .choices import OverrideStatus


class ReleaseOverride(BaseModel):
    """A supervisor asks to release despite hard stops; a bureau leader (never the same person) decides.

    `rules` keeps the broken rules as they stood when asked; a grant covers exactly those rule codes.
    """

    task = models.ForeignKey(
        "inspections.InspectionTask",
        on_delete=models.CASCADE,
        related_name="overrides",
        verbose_name=_("task"),
    )
    declaration = models.ForeignKey(
        "declarations.Declaration",
        on_delete=models.CASCADE,
        related_name="release_overrides",
        verbose_name=_("declaration"),
    )
    port = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("port")
    )
    disposition = models.CharField(_("disposition"), max_length=20, choices=Disposition.choices)
    conditions = models.TextField(_("conditions"), blank=True)
    rules = models.JSONField(_("rules overridden"), default=list)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=OverrideStatus.choices, default=OverrideStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    scope_org_field = "port"

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"], condition=models.Q(status="requested"), name="uniq_open_override_per_task"
            )
        ]
        verbose_name = _("release override")
        verbose_name_plural = _("release overrides")

    def __str__(self) -> str:
        return f"{self.declaration_id} {self.get_status_display()}"

    @property
    def rule_codes(self) -> set[str]:
        return {r.get("code") for r in self.rules or []}
