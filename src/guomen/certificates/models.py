from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import CertificateKind, CertificateStatus


class ExportCertificate(BaseModel):
    """A certificate issued for a released export declaration: its PDF and, for plant products, its ePhyto.

    A certificate is never edited: a correction is a new certificate that `replaces` the old one, which is marked
    replaced; a withdrawal marks it withdrawn. Both keep the reason.
    """

    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    kind = models.CharField(_("certificate kind"), max_length=20, choices=CertificateKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    declaration = models.ForeignKey(
        "declarations.Declaration",
        on_delete=models.PROTECT,
        related_name="export_certificates",
        verbose_name=_("declaration"),
    )
    lines = models.JSONField(_("declaration lines covered"), default=list)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing unit")
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issuing officer"),
    )
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("replaced certificate"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    additional_declarations = models.JSONField(_("additional declarations"), default=list, blank=True)
    verification_code = models.CharField(_("verification code"), max_length=12)
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/%m/", blank=True)
    ephyto = models.FileField(_("ePhyto XML"), upload_to="certificates/%Y/%m/", blank=True)
    ephyto_missing = models.JSONField(_("data missing for the ePhyto"), default=dict, blank=True)

    scope_org_field = "org"
    scope_enterprise_fields = ("declaration__declarant", "declaration__consignee")

    class Meta:
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["declaration", "status"]), models.Index(fields=["org", "issued_at"])]
        verbose_name = _("export certificate")
        verbose_name_plural = _("export certificates")

    def __str__(self) -> str:
        return self.number

    @property
    def has_ephyto(self) -> bool:
        return bool(self.ephyto)
