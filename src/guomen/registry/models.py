from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import BaseKind, BaseStatus, CreditGrade, EnterpriseClass, EnterpriseKind, FilingStatus


class Enterprise(BaseModel):
    """An enterprise on file: importer, exporter, producer, agent, cold store, packhouse, car dealer, inspection
    agency, certification body, port food business, solid-waste consignee or dangerous-goods packaging firm."""

    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=EnterpriseKind.choices)
    filing_status = models.CharField(
        _("filing status"), max_length=20, choices=FilingStatus.choices, default=FilingStatus.FILED
    )
    org = models.ForeignKey(
        "accounts.OrgUnit",
        on_delete=models.PROTECT,
        related_name="enterprises",
        verbose_name=_("supervising unit"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    credit_grade = models.CharField(
        _("credit grade"), max_length=2, choices=CreditGrade.choices, default=CreditGrade.A
    )
    classification = models.CharField(
        _("class"), max_length=3, choices=EnterpriseClass.choices, blank=True, default=""
    )
    qms_certified = models.BooleanField(_("quality management system certified"), default=False)
    haccp_certified = models.BooleanField(_("HACCP certified"), default=False)
    filing_reason = models.CharField(_("reason for filing status"), max_length=255, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)

    scope_org_field = "org"
    scope_enterprise_fields = ("id",)
    scope_global_read = True

    class Meta:
        ordering = ["name_zh"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "zh").startswith("en") and self.name_en:
            return self.name_en
        return self.name_zh


class ProductionBase(BaseModel):
    """A registered orchard, packhouse, farm or processing plant (domestic or abroad)."""

    code = models.CharField(_("registration code"), max_length=40, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=BaseKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    country = models.ForeignKey(
        "catalog.Country",
        on_delete=models.PROTECT,
        related_name="production_bases",
        verbose_name=_("country"),
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    operator_name = models.CharField(_("operator"), max_length=200, blank=True)
    enterprise = models.ForeignKey(
        Enterprise,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="production_bases",
        verbose_name=_("enterprise"),
    )
    org = models.ForeignKey(
        "accounts.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="production_bases",
        verbose_name=_("supervising unit"),
    )
    commodities = models.ManyToManyField(
        "catalog.HsCode",
        blank=True,
        related_name="production_bases",
        verbose_name=_("registered commodities"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BaseStatus.choices, default=BaseStatus.ACTIVE
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    status_reason = models.CharField(_("reason for status"), max_length=255, blank=True)

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)
    scope_global_read = True

    class Meta:
        ordering = ["code"]
        verbose_name = _("production base")
        verbose_name_plural = _("production bases")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
