"""Records of the port lines of work: food hygiene licences at the port, solid-waste consignee registrations,
findings against inspection agencies (口岸天平) and their registrations, hygiene monitoring results at the port,
dangerous-goods packaging makers, their performance tests and the packaging use results. Each belongs to an
enterprise on file and to its supervising unit, and has a status moved only through its transitions table."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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

    registration = models.ForeignKey(
        "portlines.AgencyRegistration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("agency registration"),
    )
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
    batch = models.CharField(_("packaging batch"), max_length=40, blank=True, db_index=True)
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


class AgencyRegistration(PortRecord):
    """检验鉴定机构登记: an inspection agency's registration with its scope of business, qualification number,
    validity and annual review; its findings (口岸天平) and penalties hang on it."""

    number = models.CharField(_("qualification number"), max_length=40, blank=True)
    scope = models.CharField(_("scope of business"), max_length=255)  # AgencyScope codes, space separated
    applied_on = models.DateField(_("applied on"))
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    review_due = models.DateField(_("annual review due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=c.AgencyStatus.choices, default=c.AgencyStatus.APPLIED
    )

    TRANSITIONS = c.AGENCY_TRANSITIONS
    ENTERPRISE_KIND = "inspection_agency"

    class Meta:
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["-applied_on", "-id"]),
            models.Index(fields=["enterprise", "status"]),
            models.Index(fields=["status", "valid_until"]),
        ]
        verbose_name = _("inspection-agency registration")
        verbose_name_plural = _("inspection-agency registrations")

    def __str__(self) -> str:
        return self.number or str(self.enterprise)

    @property
    def scope_codes(self) -> list[str]:
        return self.scope.split()

    @property
    def scope_labels(self) -> list[str]:
        labels = dict(c.AgencyScope.choices)
        return [str(labels.get(code, code)) for code in self.scope_codes]


class HygieneMonitoring(BaseModel):
    """口岸卫生监测结果: one monitored item at a sampling point of a port (or of a licensed food business), its value
    against the limit; conforming is computed from the limit, a non-conforming result stays open until rectified."""

    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("port")
    )
    licence = models.ForeignKey(
        FoodLicence,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring",
        verbose_name=_("food hygiene licence"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    category = models.CharField(_("monitoring category"), max_length=20, choices=c.MonitoringCategory.choices)
    item = models.CharField(_("monitored item"), max_length=80)
    sampling_point = models.CharField(_("sampling point"), max_length=150)
    sampled_on = models.DateField(_("sampled on"))
    value = models.DecimalField(_("result value"), max_digits=14, decimal_places=4)
    unit = models.CharField(pgettext_lazy("measurement", "unit"), max_length=30)
    limit = models.DecimalField(pgettext_lazy("monitoring", "limit"), max_digits=14, decimal_places=4)
    limit_kind = models.CharField(_("the value must be"), max_length=3, choices=c.LimitKind.choices)
    conforming = models.BooleanField(_("conforming"))
    status = models.CharField(_("status"), max_length=20, choices=c.MonitoringStatus.choices)
    status_reason = models.CharField(_("reason of the status"), max_length=255, blank=True)

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)
    TRANSITIONS = c.MONITORING_TRANSITIONS

    class Meta:
        ordering = ["-sampled_on", "-id"]
        indexes = [
            models.Index(fields=["-sampled_on", "-id"]),
            models.Index(fields=["licence", "status"]),
            models.Index(fields=["org", "status"]),
        ]
        verbose_name = _("hygiene monitoring result")
        verbose_name_plural = _("hygiene monitoring results")

    def __str__(self) -> str:
        return f"{self.item} {self.sampling_point} {self.sampled_on}"


class PackagingMaker(PortRecord):
    """出口危险货物包装生产企业登记: the maker, its registration number and the UN packaging codes it may make."""

    number = models.CharField(_("registration number"), max_length=40, unique=True)
    products = models.CharField(_("UN packaging codes"), max_length=255)  # normalised codes, space separated
    registered_on = models.DateField(_("registered on"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=20, choices=c.MakerStatus.choices, default=c.MakerStatus.REGISTERED
    )

    TRANSITIONS = c.MAKER_TRANSITIONS
    ENTERPRISE_KIND = "dg_packaging"

    class Meta:
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["-registered_on", "-id"]),
            models.Index(fields=["enterprise", "status"]),
            models.Index(fields=["status", "valid_until"]),
        ]
        verbose_name = _("dangerous-goods packaging maker")
        verbose_name_plural = _("dangerous-goods packaging makers")

    def __str__(self) -> str:
        return self.number

    @property
    def product_codes(self) -> list[str]:
        return self.products.split()


class PerformanceTest(PortRecord):
    """危险货物包装性能检验: drop, stacking, leakproofness and hydraulic pressure tests of a packaging batch. A failed
    test stops the use of that batch (a use result naming it is refused)."""

    maker = models.ForeignKey(
        PackagingMaker, on_delete=models.PROTECT, related_name="tests", verbose_name=_("packaging maker")
    )
    un_code = models.CharField(_("UN packaging code"), max_length=10)
    batch = models.CharField(_("packaging batch"), max_length=40, db_index=True)
    tested_on = models.DateField(_("tested on"))
    drop = models.CharField(_("drop test"), max_length=12, choices=c.TestOutcome.choices)
    stacking = models.CharField(_("stacking test"), max_length=12, choices=c.TestOutcome.choices)
    leakproof = models.CharField(_("leakproofness test"), max_length=12, choices=c.TestOutcome.choices)
    hydraulic = models.CharField(_("hydraulic pressure test"), max_length=12, choices=c.TestOutcome.choices)
    passed = models.BooleanField(_("passed"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=c.PerformanceStatus.choices)

    TRANSITIONS = c.PERFORMANCE_TRANSITIONS
    ENTERPRISE_KIND = "dg_packaging"

    class Meta:
        ordering = ["-tested_on", "-id"]
        indexes = [
            models.Index(fields=["-tested_on", "-id"]),
            models.Index(fields=["enterprise", "status"]),
            models.Index(fields=["status", "valid_until"]),
        ]
        verbose_name = _("packaging performance test")
        verbose_name_plural = _("packaging performance tests")

    def __str__(self) -> str:
        return f"{self.un_code} {self.batch}"

    @property
    def outcomes(self) -> list[tuple[str, str, str]]:
        """(test, outcome code, outcome label) of the four tests."""
        labels = dict(c.TestOutcome.choices)
        return [
            (str(label), getattr(self, name), str(labels.get(getattr(self, name), "")))
            for name, label in c.PERFORMANCE_TESTS
        ]
