"""Records of the port lines of work: food hygiene licences at the port, solid-waste consignee registrations,
findings against inspection agencies (口岸天平) and dangerous-goods packaging use results. Each belongs to an
enterprise on file and to its supervising unit, and has a status moved only through its transitions table."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from . import choices as c


class PortRecord(BaseModel):
    """What the four records share: the enterprise, its supervising unit, a status and the reason of its change."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("enterprise")
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("supervising unit")
    )
    status_reason = models.CharField(_("reason of the status"), max_length=255, blank=True)

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)
    TRANSITIONS: dict[str, set[str]] = {}
    ENTERPRISE_KIND = ""

    class Meta:
        abstract = True


class FoodLicence(PortRecord):
    """口岸食品卫生许可证 of a caterer, shop or supplier at the port, with its grade from the annual assessment."""

    number = models.CharField(_("licence number"), max_length=40, unique=True)
    business = models.CharField(_("business"), max_length=20, choices=c.FoodBusiness.choices)
    premises = models.CharField(_("premises"), max_length=150)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    grade = models.CharField(_("grade"), max_length=1, choices=c.Grade.choices, blank=True)
    graded_on = models.DateField(_("assessed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=c.LicenceStatus.choices, default=c.LicenceStatus.VALID
    )

    TRANSITIONS = c.LICENCE_TRANSITIONS
    ENTERPRISE_KIND = "port_food"

    class Meta:
        ordering = ["valid_until", "id"]
        indexes = [
            models.Index(fields=["valid_until", "id"]),
            models.Index(fields=["org", "status"]),
            models.Index(fields=["enterprise", "status"]),
        ]
        verbose_name = _("port food hygiene licence")
        verbose_name_plural = _("port food hygiene licences")

    def __str__(self) -> str:
        return self.number


class WasteConsignee(PortRecord):
    """进口废物原料国内收货人登记: applied, registered with a number and an annual review, suspended or cancelled."""

    number = models.CharField(_("registration number"), max_length=40, blank=True)
    materials = models.CharField(_("waste materials imported"), max_length=255)
    applied_on = models.DateField(_("applied on"))
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    review_due = models.DateField(_("annual review due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=c.ConsigneeStatus.choices, default=c.ConsigneeStatus.APPLIED
    )

    TRANSITIONS = c.CONSIGNEE_TRANSITIONS
    ENTERPRISE_KIND = "waste_consignee"

    class Meta:
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["-applied_on", "-id"]),
            models.Index(fields=["enterprise", "status"]),
        ]
        verbose_name = _("solid-waste consignee registration")
        verbose_name_plural = _("solid-waste consignee registrations")

    def __str__(self) -> str:
        return self.number or str(self.enterprise)


class AgencyFinding(PortRecord):
    """A problem found in an inspection agency's goods inspection or factory audit (口岸天平), and its penalty."""

    check_kind = models.CharField(_("check"), max_length=20, choices=c.AgencyCheckKind.choices)
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
        _("status"), max_length=20, choices=c.FindingStatus.choices, default=c.FindingStatus.OPEN
    )

    TRANSITIONS = c.FINDING_TRANSITIONS
    ENTERPRISE_KIND = "inspection_agency"

    class Meta:
        ordering = ["-found_on", "-id"]
        indexes = [models.Index(fields=["-found_on", "-id"]), models.Index(fields=["org", "status"])]
        verbose_name = _("inspection-agency finding")
        verbose_name_plural = _("inspection-agency findings")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.found_on}"


class PackagingUse(PortRecord):
    """危险货物包装使用鉴定: the result of a use inspection of a packaging for a UN-numbered dangerous good."""

    packaging = models.CharField(_("packaging type"), max_length=20, choices=c.PackagingKind.choices)
    un_number = models.CharField(_("UN number"), max_length=6)
    goods = models.CharField(_("goods"), max_length=150)
    inspected_on = models.DateField(_("inspected on"))
    result = models.CharField(_("result"), max_length=10, choices=c.UseResult.choices)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=c.UseStatus.choices, default=c.UseStatus.VALID
    )

    TRANSITIONS = c.USE_TRANSITIONS
    ENTERPRISE_KIND = "dg_packaging"

    class Meta:
        ordering = ["-inspected_on", "-id"]
        indexes = [
            models.Index(fields=["-inspected_on", "-id"]),
            models.Index(fields=["enterprise", "status"]),
        ]
        verbose_name = _("dangerous-goods packaging use result")
        verbose_name_plural = _("dangerous-goods packaging use results")

    def __str__(self) -> str:
        return f"{self.un_number} {self.enterprise}"
