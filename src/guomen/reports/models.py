from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel


class ReportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


class QualityReport(BaseModel):
    """A generated monthly quality-analysis report (质量分析报告) of one unit, kept for download."""

    period = models.CharField(_("month"), max_length=7, db_index=True)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    job = models.ForeignKey(
        "core.JobRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("job"),
    )
    scheduled = models.BooleanField(_("scheduled run"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"

    class Meta:
        ordering = ["-period", "-id"]
        verbose_name = _("quality-analysis report")
        verbose_name_plural = _("quality-analysis reports")

    def __str__(self) -> str:
        return f"{self.org_id} {self.period} {self.format}"

    @property
    def filename(self) -> str:
        return f"quality-report-{self.org.code}-{self.period}.{self.format}"


class InspectionDay(models.Model):
    """Daily rollup by port, direction and origin: declarations (by arrival or departure date) and inspection
    tasks (by inspection date), cancelled ones left out; trend charts and KPIs read it instead of the records.

    Rebuilt by reports.services.rollup_refresh (nightly task and `guomen report rollup`); days from
    RollupState.through onwards are always counted live from the tasks themselves.
    """

    day = models.DateField(_("inspection date"))
    port = models.ForeignKey("accounts.OrgUnit", on_delete=models.CASCADE, related_name="+")
    direction = models.CharField(_("direction"), max_length=10)
    origin = models.CharField(_("origin"), max_length=2)
    declarations = models.PositiveIntegerField(default=0)
    tasks = models.PositiveIntegerField(default=0)
    inspected = models.PositiveIntegerField(default=0)
    non_conforming = models.PositiveIntegerField(default=0)

    scope_org_field = "port"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "port", "direction", "origin"], name="uniq_inspection_day")
        ]
        indexes = [models.Index(fields=["day", "port"])]
        verbose_name = _("inspection day (rollup)")
        verbose_name_plural = _("inspection days (rollup)")

    def __str__(self) -> str:
        return f"{self.day} {self.port_id} {self.direction} {self.origin}"


class RollupState(models.Model):
    """Up to which day (exclusive) the InspectionDay rollup is complete."""

    key = models.CharField(max_length=30, primary_key=True)
    through = models.DateField()
    refreshed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.key} < {self.through}"
