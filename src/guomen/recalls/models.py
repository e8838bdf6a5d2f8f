from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import ProductCategory, RecallSource, RecallStatus, label_of


class Recall(BaseModel):
    """A recall of imported consumer goods (or cars): from a defect report or an early warning to the affected
    consignments and dealers, its progress and its closure with a review."""

    number = models.CharField(_("recall number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("product category"), max_length=20, choices=ProductCategory.choices)
    product = models.CharField(_("product, model and batch"), max_length=255)
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)
    defect = models.TextField(_("defect and hazard"))
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="recalls",
        verbose_name=_("responsible importer"),
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    source = models.CharField(_("source"), max_length=20, choices=RecallSource.choices)
    early_warning = models.ForeignKey(
        "risk.EarlyWarning",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recalls",
        verbose_name=_("early warning"),
    )
    reported_on = models.DateField(_("reported on"))
    units_affected = models.PositiveIntegerField(_("units affected"), default=0)
    units_recovered = models.PositiveIntegerField(_("units recovered"), default=0)
    consignments = models.ManyToManyField(
        "declarations.Declaration",
        blank=True,
        related_name="recalls",
        verbose_name=_("affected consignments"),
    )
    dealers = models.ManyToManyField(
        "registry.Enterprise",
        blank=True,
        related_name="recalls_as_dealer",
        verbose_name=_("affected dealers"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RecallStatus.choices, default=RecallStatus.REPORTED
    )
    review = models.TextField(_("closing review"), blank=True)
    consumer_warning = models.ForeignKey(
        "risk.Measure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recalls",
        verbose_name=_("consumer warning"),
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise", "dealers")

    class Meta:
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["org", "status", "reported_on"])]
        verbose_name = _("recall")
        verbose_name_plural = _("recalls")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def category_label(self) -> str:
        return label_of(ProductCategory, self.category)

    @property
    def status_label(self) -> str:
        return label_of(RecallStatus, self.status)

    @property
    def recovered_percent(self) -> int:
        return round(100 * self.units_recovered / self.units_affected) if self.units_affected else 0


class RecallProgress(models.Model):
    """A progress report of a recall: units recovered so far and what was done."""

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="progress")
    reported_on = models.DateField(_("date"))
    units_recovered = models.PositiveIntegerField(_("units recovered so far"))
    note = models.CharField(_("what was done"), max_length=255)
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "recall__org"
    scope_enterprise_fields = ("recall__enterprise",)

    class Meta:
        ordering = ["reported_on", "id"]
        verbose_name = _("recall progress report")
        verbose_name_plural = _("recall progress reports")

    def __str__(self) -> str:
        return f"{self.recall_id} {self.reported_on}"
