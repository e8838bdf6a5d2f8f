from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from ..choices import ClusterDimension, ClusterStatus, SignalSource


class RiskSignal(BaseModel):
    """One piece of risk information, from any source, with a link back to the record it came from."""

    source = models.CharField(_("source"), max_length=30, choices=SignalSource.choices, db_index=True)
    source_ref = models.CharField(_("source record"), max_length=120, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    occurred_on = models.DateField(_("date"), db_index=True)
    hs = models.ForeignKey(
        "catalog.HsCode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("product"),
    )
    commodity_group = models.ForeignKey(
        "catalog.CommodityGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commodity group"),
    )
    hazard = models.ForeignKey(
        "catalog.Hazard",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("hazard"),
    )
    origin = models.ForeignKey(
        "catalog.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("origin"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("enterprise"),
    )
    production_base = models.ForeignKey(
        "registry.ProductionBase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("production base"),
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("jurisdiction")
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cluster = models.ForeignKey(
        "RiskCluster",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
        verbose_name=_("cluster"),
    )

    scope_org_field = "org"
    scope_enterprise_fields = ()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="uniq_signal_source_ref",
            )
        ]
        verbose_name = _("risk signal")
        verbose_name_plural = _("risk signals")

    def __str__(self) -> str:
        return self.title


def _fk(model: str, label, related_name: str = "+"):
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=models.PROTECT, related_name=related_name, verbose_name=label
    )


class RiskCluster(BaseModel):
    """Signals about the same hazard and the same base, enterprise or origin × commodity, close in time."""

    dimension = models.CharField(_("grouped by"), max_length=20, choices=ClusterDimension.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ClusterStatus.choices, default=ClusterStatus.OPEN, db_index=True
    )
    hazard = models.ForeignKey(
        "catalog.Hazard", on_delete=models.PROTECT, related_name="risk_clusters", verbose_name=_("hazard")
    )
    production_base = _fk("registry.ProductionBase", _("production base"))
    enterprise = _fk("registry.Enterprise", _("enterprise"))
    origin = _fk("catalog.Country", _("origin"))
    commodity_group = _fk("catalog.CommodityGroup", _("commodity group"))
    first_seen = models.DateField(_("first signal"))
    last_seen = models.DateField(_("latest signal"), db_index=True)
    signal_count = models.PositiveIntegerField(_("signals"), default=0)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("jurisdiction")
    )

    scope_org_field = "org"

    class Meta:
        ordering = ["-last_seen", "-id"]
        indexes = [models.Index(fields=["hazard", "status", "last_seen"])]
        verbose_name = _("signal cluster")
        verbose_name_plural = _("signal clusters")

    def __str__(self) -> str:
        return f"{self.hazard_name} · {self.subject_name}"[:200]

    @property
    def hazard_name(self) -> str:
        return self.hazard.display_name if self.hazard_id else ""

    @property
    def subject_name(self) -> str:
        """What the cluster is about, in words: the base, the enterprise, or origin and commodity (泰国鲜食水果)."""
        if self.production_base_id:
            return self.production_base.name
        if self.enterprise_id:
            return str(self.enterprise)
        return "".join(x.display_name for x in (self.origin, self.commodity_group) if x)
