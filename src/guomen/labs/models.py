from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import FINAL_STATUSES, SampleStatus, SampleType, TestKind, Verdict


class Laboratory(BaseModel):
    """A testing laboratory that receives samples (the bureau's own technical centre or a contracted one)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="laboratories", verbose_name=_("unit")
    )
    tests = models.JSONField(_("tests offered"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    scope_global_read = True

    class Meta:
        ordering = ["code"]
        verbose_name = _("laboratory")
        verbose_name_plural = _("laboratories")

    def __str__(self) -> str:
        return self.name


class Sample(BaseModel):
    """A sample drawn during an inspection (抽样), followed from sealing to the approved lab result."""

    number = models.CharField(_("sample number"), max_length=30, unique=True)
    task = models.ForeignKey(
        "inspections.InspectionTask",
        on_delete=models.PROTECT,
        related_name="samples",
        verbose_name=_("inspection task"),
    )
    declaration = models.ForeignKey(
        "declarations.Declaration",
        on_delete=models.PROTECT,
        related_name="samples",
        verbose_name=_("declaration"),
    )
    line = models.ForeignKey(
        "declarations.DeclarationLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="samples",
        verbose_name=_("declaration line"),
    )
    port = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("port")
    )
    laboratory = models.ForeignKey(
        Laboratory, on_delete=models.PROTECT, related_name="samples", verbose_name=_("laboratory")
    )
    sample_type = models.CharField(_("sample type"), max_length=30, choices=SampleType.choices)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=3)
    unit = models.CharField(_("unit of measure"), max_length=20)
    tests_requested = models.JSONField(_("tests requested"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=SampleStatus.choices, default=SampleStatus.REGISTERED
    )
    due_date = models.DateField(_("result due"), db_index=True)
    verdict = models.CharField(_("overall verdict"), max_length=20, choices=Verdict.choices, blank=True)
    registered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    scope_org_field = "port"
    scope_enterprise_fields = ()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["laboratory", "status"]),
        ]
        verbose_name = _("sample")
        verbose_name_plural = _("samples")

    def __str__(self) -> str:
        return self.number

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def is_overdue(self) -> bool:
        return not self.is_final and self.due_date < timezone.localdate()

    @property
    def tests_labels(self) -> list[str]:
        labels = dict(TestKind.choices)
        return [str(labels.get(t, t)) for t in self.tests_requested]

    @property
    def verdict_label(self) -> str:
        """The overall verdict once approved; otherwise where the sample is."""
        if self.status == SampleStatus.APPROVED and self.verdict:
            return str(self.get_verdict_display())
        return str(self.get_status_display())


class CustodyEvent(models.Model):
    """One link of the chain of custody: who scanned the sample code, at which step, when."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="custody")
    step = models.CharField(_("step"), max_length=20, choices=SampleStatus.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    scanned_code = models.CharField(_("scanned code"), max_length=60)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["sample", "at", "id"]
        verbose_name = _("custody event")
        verbose_name_plural = _("chain of custody")

    def __str__(self) -> str:
        return f"{self.sample_id} {self.step} {self.at:%Y-%m-%d %H:%M}"


class TestItem(models.Model):
    """One analyte tested in a sample and its result, judged against the limit for the commodity."""

    __test__ = False  # not a pytest test class

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="items")
    test = models.CharField(_("test"), max_length=30, choices=TestKind.choices)
    analyte = models.ForeignKey(
        "catalog.Hazard", on_delete=models.PROTECT, related_name="lab_results", verbose_name=_("analyte")
    )
    method = models.CharField(_("method"), max_length=120, blank=True)
    value = models.DecimalField(_("measured value"), max_digits=14, decimal_places=6, null=True, blank=True)
    unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    lod = models.DecimalField(_("limit of detection"), max_digits=14, decimal_places=6, null=True, blank=True)
    detected = models.BooleanField(_("detected"), null=True, blank=True)
    limit_value = models.DecimalField(_("limit"), max_digits=12, decimal_places=4, null=True, blank=True)
    limit_unit = models.CharField(_("limit unit"), max_length=20, blank=True)
    limit_standard = models.CharField(_("standard"), max_length=60, blank=True)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    entered_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        ordering = ["sample", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "test", "analyte"], name="uniq_test_item_analyte")
        ]
        verbose_name = _("test result")
        verbose_name_plural = _("test results")

    def __str__(self) -> str:
        return f"{self.sample_id} {self.analyte_id} {self.verdict}"

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None

    @property
    def value_display(self) -> str:
        return _plain(self.value)

    @property
    def limit_display(self) -> str:
        return _plain(self.limit_value)

    @property
    def lod_display(self) -> str:
        return _plain(self.lod)


def _plain(number) -> str:
    """0.080000 → "0.08", 10.0 → "10"; "" for no number."""
    return "" if number is None else format(number.normalize(), "f")


# The result of one test item is what the rest of the platform calls a lab result.
LabResult = TestItem
