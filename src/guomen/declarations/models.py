from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.models import BaseModel

from .choices import DeclarationStatus, Direction, DocumentType, Transport


class Declaration(BaseModel):
    """A request to inspect a consignment (报检单)."""

    number = models.CharField(_("declaration number"), max_length=30, unique=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=DeclarationStatus.choices,
        default=DeclarationStatus.SUBMITTED,
        db_index=True,
    )
    port = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="declarations", verbose_name=_("port")
    )
    declarant = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("declarant"),
    )
    consignee = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consigned_declarations",
        verbose_name=_("consignee"),
    )
    consignor_name = models.CharField(_("consignor"), max_length=200, blank=True)
    origin_country = models.ForeignKey(
        "catalog.Country",
        on_delete=models.PROTECT,
        related_name="origin_declarations",
        verbose_name=_("origin"),
    )
    destination_country = models.ForeignKey(
        "catalog.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="destination_declarations",
        verbose_name=_("destination"),
    )
    # the consignee abroad of an export (its buyer), as the phytosanitary certificate and the ePhyto name it
    foreign_consignee_name = models.CharField(
        _("consignee abroad"), max_length=200, blank=True, default="", db_default=""
    )
    foreign_consignee_address = models.CharField(
        _("address of the consignee abroad"), max_length=500, blank=True, default="", db_default=""
    )
    foreign_consignee_country = models.CharField(
        _("country of the consignee abroad"), max_length=2, blank=True, default="", db_default=""
    )
    transport = models.CharField(_("transport"), max_length=20, choices=Transport.choices)
    transport_id = models.CharField(_("vehicle / container / flight"), max_length=60, blank=True)
    arrival_date = models.DateField(_("arrival date"), db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    verification_code = models.CharField(_("verification code"), max_length=8)
    channel = models.CharField(_("channel"), max_length=20, blank=True, db_index=True)
    total_value = models.DecimalField(_("total value"), max_digits=16, decimal_places=2, default=0)
    total_weight_kg = models.DecimalField(
        _("total net weight (kg)"), max_digits=16, decimal_places=3, default=0
    )
    outcome = models.CharField(_("outcome"), max_length=20, blank=True, db_index=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "port"
    scope_enterprise_fields = ("declarant", "consignee")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["port", "status"]),
            models.Index(fields=["origin_country", "arrival_date"]),
            models.Index(fields=["declarant", "arrival_date"]),
            # the enterprise workspace counts an enterprise's declarations per status from the index alone
            models.Index(fields=["declarant", "status"], name="declaration_declarant_status"),
        ]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    def __str__(self) -> str:
        return self.number


class DeclarationLine(models.Model):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveSmallIntegerField(_("line"))
    hs = models.ForeignKey(
        "catalog.HsCode", on_delete=models.PROTECT, related_name="+", verbose_name=_("HS code")
    )
    description = models.CharField(pgettext_lazy("goods", "description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(pgettext_lazy("measure", "unit"), max_length=20)
    net_weight_kg = models.DecimalField(_("net weight (kg)"), max_digits=14, decimal_places=3)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    production_bases = models.ManyToManyField(
        "registry.ProductionBase",
        blank=True,
        related_name="declaration_lines",
        verbose_name=_("production bases"),
    )

    class Meta:
        ordering = ["declaration", "line_no"]
        constraints = [models.UniqueConstraint(fields=["declaration", "line_no"], name="uniq_line_no")]
        indexes = [models.Index(fields=["hs"])]
        verbose_name = _("declaration line")
        verbose_name_plural = _("declaration lines")

    def __str__(self) -> str:
        return f"{self.declaration_id}/{self.line_no} {self.hs_id}"


class DeclarationDocument(models.Model):
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="documents")
    type = models.CharField(_("document type"), max_length=40, choices=DocumentType.choices)
    number = models.CharField(_("document number"), max_length=60)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="declarations/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.number}"


class PhytoCertificate(BaseModel):
    """An electronic phytosanitary certificate (ePhyto, UN/CEFACT SPSCertificate XML) as received."""

    number = models.CharField(_("certificate number"), max_length=60, db_index=True)
    type_code = models.CharField(_("type code"), max_length=10, blank=True)
    status_code = models.CharField(_("status code"), max_length=10, blank=True)
    issued = models.CharField(_("issued"), max_length=40, blank=True)
    issuer = models.CharField(_("issuing authority"), max_length=200, blank=True)
    consignor_name = models.CharField(_("consignor"), max_length=200)
    consignee_name = models.CharField(_("consignee"), max_length=200, blank=True)
    consignee_address = models.CharField(
        _("consignee's address"), max_length=500, blank=True, default="", db_default=""
    )
    consignee_country = models.CharField(
        _("consignee's country"), max_length=2, blank=True, default="", db_default=""
    )
    export_country = models.CharField(_("exporting country"), max_length=2)
    import_country = models.CharField(_("importing country"), max_length=2, blank=True)
    transport = models.CharField(_("means of transport"), max_length=255, blank=True)
    items = models.JSONField(_("consignment items"), default=list)
    treatments = models.JSONField(_("treatments"), default=list, blank=True)
    additional_declarations = models.JSONField(_("additional declarations"), default=list, blank=True)
    problems = models.JSONField(_("problems found"), default=list, blank=True)
    envelope = models.JSONField(_("hub envelope"), default=dict, blank=True)
    declaration = models.ForeignKey(
        Declaration,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="phyto_certificates",
        verbose_name=_("declaration"),
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("jurisdiction")
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by enterprise"),
    )
    source = models.CharField(_("received through"), max_length=20)
    sha256 = models.CharField(max_length=64, unique=True)
    xml = models.TextField(_("XML"))
    imported_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise", "declaration__declarant", "declaration__consignee")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("ePhyto certificate")
        verbose_name_plural = _("ePhyto certificates")

    def __str__(self) -> str:
        return self.number

    @property
    def warnings(self) -> list[dict]:
        return [p for p in self.problems if p.get("level") == "warning"]
