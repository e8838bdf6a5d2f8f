"""The export production chain: registered sites, their input records, production batches, the batches an
export declaration names, and the supervised loading (监装) of the goods."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.files import unguessable_name
from guomen.core.models import BaseModel

from .choices import InputKind, SiteKind, SiteStatus


class ExportSite(BaseModel):
    """A registered export production site (种植基地/养殖场/加工厂), including farms supplying Hong Kong and Macao."""

    registration_number = models.CharField(_("registration number"), max_length=30, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=SiteKind.choices)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="export_sites",
        verbose_name=_("enterprise"),
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("supervising unit")
    )
    address = models.CharField(_("address"), max_length=255)
    hk_macao = models.BooleanField(_("supplies Hong Kong and Macao"), default=False)
    commodities = models.ManyToManyField(
        "catalog.HsCode", related_name="+", verbose_name=_("registered commodities")
    )
    destinations = models.ManyToManyField("catalog.Country", related_name="+", verbose_name=_("destinations"))
    status = models.CharField(
        _("status"), max_length=20, choices=SiteStatus.choices, default=SiteStatus.APPLIED, db_index=True
    )
    status_reason = models.CharField(_("reason for status"), max_length=255, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    review_due = models.DateField(_("annual review due"), null=True, blank=True)

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~models.Q(registration_number=""),
                name="uniq_export_site_registration",
            )
        ]
        indexes = [models.Index(fields=["org", "status"]), models.Index(fields=["enterprise", "status"])]
        verbose_name = _("export production site")
        verbose_name_plural = _("export production sites")

    def __str__(self) -> str:
        return f"{self.registration_number or '—'} {self.name}"


class InputRecord(BaseModel):
    """An input used at a site (投入品记录): the source of seedlings or fry, feed, a pesticide or a veterinary drug."""

    site = models.ForeignKey(
        ExportSite, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("site")
    )
    kind = models.CharField(_("kind of input"), max_length=20, choices=InputKind.choices)
    product = models.CharField(_("product name"), max_length=200)
    substance = models.CharField(_("active substance"), max_length=40, blank=True)
    dose = models.DecimalField(_("dose"), max_digits=12, decimal_places=3)
    unit = models.CharField(pgettext_lazy("measure", "unit"), max_length=20)
    used_on = models.DateField(_("date used"))
    withdrawal_days = models.PositiveIntegerField(_("withdrawal period / safe interval (days)"), default=0)
    source = models.CharField(_("supplier or source"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "site__org"
    scope_enterprise_fields = ("site__enterprise",)

    class Meta:
        ordering = ["-used_on", "-id"]
        indexes = [models.Index(fields=["site", "used_on"])]
        verbose_name = _("input record")
        verbose_name_plural = _("input records")

    def __str__(self) -> str:
        return f"{self.site_id} {self.used_on} {self.product}"


class ProductionBatch(BaseModel):
    """A production batch (生产批次): goods of one site, with the input records and raw lots behind them."""

    number = models.CharField(_("batch number"), max_length=30, unique=True)
    site = models.ForeignKey(
        ExportSite, on_delete=models.PROTECT, related_name="batches", verbose_name=_("site")
    )
    commodity = models.ForeignKey(
        "catalog.HsCode", on_delete=models.PROTECT, related_name="+", verbose_name=_("commodity")
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(pgettext_lazy("measure", "unit"), max_length=20, default="kg")
    harvested_on = models.DateField(_("harvest / production date"))
    destination = models.ForeignKey(
        "catalog.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("destination")
    )
    raw_lots = models.CharField(_("raw material lots"), max_length=255, blank=True)
    inputs = models.ManyToManyField(
        InputRecord, blank=True, related_name="batches", verbose_name=_("input records")
    )
    flagged = models.BooleanField(_("flagged"), default=False, db_index=True)
    flag_reasons = models.JSONField(_("flag reasons"), default=list, blank=True)

    scope_org_field = "site__org"
    scope_enterprise_fields = ("site__enterprise",)

    class Meta:
        ordering = ["-harvested_on", "-id"]
        indexes = [models.Index(fields=["site", "harvested_on"])]
        verbose_name = _("production batch")
        verbose_name_plural = _("production batches")

    def __str__(self) -> str:
        return self.number


class DeclarationBatch(models.Model):
    """An export declaration names the production batches its goods come from."""

    declaration = models.ForeignKey(
        "declarations.Declaration", on_delete=models.CASCADE, related_name="export_batches"
    )
    batch = models.ForeignKey(ProductionBatch, on_delete=models.PROTECT, related_name="declaration_links")
    added_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    scope_org_field = "declaration__port"
    scope_enterprise_fields = ("declaration__declarant",)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "batch"], name="uniq_declaration_batch")
        ]
        verbose_name = _("batch of a declaration")
        verbose_name_plural = _("batches of declarations")

    def __str__(self) -> str:
        return f"{self.declaration_id}/{self.batch_id}"


class LoadingRecord(BaseModel):
    """Supervised loading (监装) of an export declaration's goods, recorded on the phone by the inspector."""

    declaration = models.ForeignKey(
        "declarations.Declaration",
        on_delete=models.CASCADE,
        related_name="loadings",
        verbose_name=_("declaration"),
    )
    task = models.ForeignKey(
        "inspections.InspectionTask", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    container_number = models.CharField(_("container number"), max_length=11)
    seal_number = models.CharField(_("seal number"), max_length=40)
    loaded_at = models.DateTimeField(_("loaded at"))
    inspector = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("inspector")
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    scope_org_field = "declaration__port"
    scope_enterprise_fields = ("declaration__declarant",)

    class Meta:
        ordering = ["-loaded_at", "-id"]
        verbose_name = _("supervised loading")
        verbose_name_plural = _("supervised loadings")

    def __str__(self) -> str:
        return f"{self.container_number} {self.seal_number}"


def loading_photo_path(instance, filename: str) -> str:
    return f"exports/loading/{timezone.localdate():%Y/%m}/{unguessable_name(filename)}"


class LoadingPhoto(models.Model):
    """A photo of the loading: resized, EXIF removed, served only to whoever may see the loading."""

    loading = models.ForeignKey(LoadingRecord, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"), upload_to=loading_photo_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size_bytes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_org_field = "loading__declaration__port"
    scope_enterprise_fields = ("loading__declaration__declarant",)

    class Meta:
        ordering = ["id"]
        verbose_name = _("loading photo")
        verbose_name_plural = _("loading photos")

    def __str__(self) -> str:
        return f"{self.loading_id}/{self.pk}"
