from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import CertificateStatus, CheckStatus, MisuseStatus, Scheme, label_of


class Certificate(BaseModel):
    """A certificate held by an enterprise on file: CCC or a voluntary product or management-system certificate."""

    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("holder")
    )
    body = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_certificates",
        verbose_name=_("certification body"),
    )
    body_name = models.CharField(_("certification body (not on file)"), max_length=150, blank=True)
    products = models.CharField(_("certified products or scope"), max_length=255)
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("supervising unit")
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["valid_until", "id"]
        indexes = [
            models.Index(fields=["enterprise", "scheme", "status"]),
            models.Index(fields=["org", "status"]),
            models.Index(fields=["valid_until", "id"]),  # the list's order: a page is read off the index
        ]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.number

    @property
    def scheme_label(self) -> str:
        return label_of(Scheme, self.scheme)

    @property
    def status_label(self) -> str:
        return label_of(CertificateStatus, self.status)

    @property
    def body_display(self) -> str:
        return self.body.name_zh if self.body_id else self.body_name


class AnnualCheck(BaseModel):
    """An annual supervision check of a certified enterprise (年度监管检查) against the checklist."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="checks")
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    planned_on = models.DateField(_("planned for"))
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    results = models.JSONField(_("checklist results"), default=dict, blank=True)
    findings = models.TextField(_("non-conformities found"), blank=True)
    rectification_due = models.DateField(_("rectify by"), null=True, blank=True)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CheckStatus.choices, default=CheckStatus.PLANNED
    )
    inspector = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("inspector"),
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("certificate__enterprise",)

    class Meta:
        ordering = ["-planned_on", "-id"]
        indexes = [models.Index(fields=["org", "status", "planned_on"])]
        verbose_name = _("annual check")
        verbose_name_plural = _("annual checks")

    def __str__(self) -> str:
        return f"{self.certificate.number} {self.planned_on}"

    @property
    def non_conformities(self) -> int:
        return sum(1 for value in (self.results or {}).values() if value == "nc")


class MarkMisuseCase(BaseModel):
    """A case of certification-mark misuse (e.g. a CCC mark on uncertified goods), penalised through credit."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="mark_misuse_cases",
        verbose_name=_("enterprise"),
    )
    certificate = models.ForeignKey(
        Certificate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="misuse_cases",
        verbose_name=_("certificate concerned"),
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    found_on = models.DateField(_("found on"))
    description = models.TextField(_("what was found"))
    penalty = models.CharField(_("penalty"), max_length=255, blank=True)
    credit_event = models.ForeignKey(
        "supervision.CreditEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("credit event"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MisuseStatus.choices, default=MisuseStatus.OPEN
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-found_on", "-id"]
        indexes = [models.Index(fields=["org", "status", "found_on"])]
        verbose_name = _("certification-mark misuse case")
        verbose_name_plural = _("certification-mark misuse cases")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.found_on}"

    @property
    def status_label(self) -> str:
        return label_of(MisuseStatus, self.status)


class CompulsoryProduct(models.Model):
    """An entry of the compulsory product certification catalogue (强制性产品认证目录) by HS prefix: goods under it
    are released only to a consignee holding a valid CCC certificate that covers them (clearance rule
    `ccc_certificate_missing`) from `in_force_from` until the day before `retired_on`. A retired entry is kept
    (the history of what the rule applied to); only an administrator or a supervisor of the general bureau
    changes the catalogue (`services.catalogue_*`)."""

    scope_national = True  # national reference data: the catalogue belongs to no unit

    hs_prefix = models.CharField(_("HS code or prefix"), max_length=10)
    name_zh = models.CharField(_("product category"), max_length=100)
    announcement = models.CharField(_("catalogue announcement"), max_length=100, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    retired_on = models.DateField(_("retired from"), null=True, blank=True)
    retired_reason = models.CharField(_("reason for retiring"), max_length=255, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["hs_prefix", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["hs_prefix"],
                condition=models.Q(retired_on__isnull=True),
                name="uniq_ccc_prefix_in_catalogue",
            )
        ]
        verbose_name = _("CCC catalogue entry")
        verbose_name_plural = _("CCC catalogue entries")

    def __str__(self) -> str:
        return f"{self.hs_prefix} {self.name_zh}"

    def in_force(self, on) -> bool:
        started = self.in_force_from is None or self.in_force_from <= on
        return started and (self.retired_on is None or self.retired_on > on)
