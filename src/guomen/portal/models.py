from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import DecisionKind


class PublicDecision(BaseModel):
    """An administrative licence or penalty decision; shown on the portal once staff publish it (双公示)."""

    kind = models.CharField(_("type"), max_length=10, choices=DecisionKind.choices, db_index=True)
    decision_number = models.CharField(_("decision number"), max_length=60, unique=True)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_decisions",
        verbose_name=_("enterprise"),
    )
    enterprise_name = models.CharField(_("enterprise name"), max_length=200)
    enterprise_uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    decided_on = models.DateField(_("decision date"), db_index=True)
    summary = models.TextField(_("summary"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("deciding unit")
    )
    published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["published", "kind", "decided_on"])]
        verbose_name = _("licence or penalty decision")
        verbose_name_plural = _("licence and penalty decisions")

    def __str__(self) -> str:
        return self.decision_number
