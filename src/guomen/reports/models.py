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
