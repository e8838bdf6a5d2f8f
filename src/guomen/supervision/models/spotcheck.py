from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from ..checklists import ChecklistKind
from ..choices import CheckResult, CheckStatus, ItemOutcome, PlanStatus


class SpotCheckPlan(BaseModel):
    """A double-random (双随机) spot-check plan: scope, how many to select, period, seed."""

    name = models.CharField(_("name"), max_length=150)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("jurisdiction")
    )
    enterprise_kinds = models.JSONField(_("enterprise types"), default=list, blank=True)
    commodity_groups = models.ManyToManyField(
        "catalog.CommodityGroup", blank=True, related_name="+", verbose_name=_("commodity groups")
    )
    sample_count = models.PositiveIntegerField(_("number to select"), null=True, blank=True)
    sample_share = models.DecimalField(
        _("share to select (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    risk_weighted = models.BooleanField(_("weight by class and credit grade"), default=False)
    checklist_kind = models.CharField(
        _("checklist"), max_length=20, choices=ChecklistKind.choices, default=ChecklistKind.GENERAL
    )
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    publish_within_days = models.PositiveSmallIntegerField(_("publish results within (days)"), default=20)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    seed = models.BigIntegerField(_("random seed"), null=True, blank=True)
    population_size = models.PositiveIntegerField(_("enterprises in scope"), default=0)
    population_digest = models.CharField(_("directory fingerprint (SHA-256)"), max_length=64, blank=True)
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("spot-check plan")
        verbose_name_plural = _("spot-check plans")

    def __str__(self) -> str:
        return self.name


class SpotCheckTask(BaseModel):
    """The spot check of one selected enterprise by the two inspectors drawn for it."""

    plan = models.ForeignKey(SpotCheckPlan, on_delete=models.CASCADE, related_name="tasks")
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="spot_checks",
        verbose_name=_("enterprise"),
    )
    rank = models.PositiveIntegerField(_("draw order"))
    weight = models.FloatField(_("selection weight"), default=1.0)
    inspector_a = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spot_checks_a",
        verbose_name=_("first inspector"),
    )
    inspector_b = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spot_checks_b",
        verbose_name=_("second inspector"),
    )
    assignment_note = models.CharField(_("assignment note"), max_length=255, blank=True)
    inspector_a_manual = models.BooleanField(_("first inspector assigned by hand"), default=False)
    inspector_b_manual = models.BooleanField(_("second inspector assigned by hand"), default=False)
    assignment_reason = models.CharField(_("reason for the assignment by hand"), max_length=255, blank=True)
    assigned_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned by hand at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CheckStatus.choices, default=CheckStatus.ASSIGNED
    )
    result = models.CharField(_("result"), max_length=20, choices=CheckResult.choices, blank=True)
    summary = models.TextField(_("findings"), blank=True)
    samples_taken = models.PositiveSmallIntegerField(_("batches sampled"), default=0)
    rectification_due = models.DateField(_("rectify by"), null=True, blank=True)
    rectified_on = models.DateField(_("rectification completed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    publish_by = models.DateField(_("publish by"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    scope_org_field = "enterprise__org"

    class Meta:
        ordering = ["plan", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "enterprise"], name="uniq_spot_check_per_plan")
        ]
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")

    def __str__(self) -> str:
        return f"{self.plan} · {self.enterprise}"

    @property
    def inspectors(self) -> list:
        return [u for u in (self.inspector_a, self.inspector_b) if u is not None]

    @property
    def manually_assigned(self) -> bool:
        """At least one inspector was assigned by a supervisor instead of drawn at random."""
        return self.inspector_a_manual or self.inspector_b_manual

    @property
    def started(self) -> bool:
        """A result was recorded (even if later sent back): the inspectors can no longer be changed."""
        return self.status != CheckStatus.ASSIGNED or self.recorded_at is not None

    @property
    def needs_inspectors(self) -> bool:
        return self.status == CheckStatus.ASSIGNED and (
            self.inspector_a_id is None or self.inspector_b_id is None
        )


class SpotCheckItem(models.Model):
    """One line of the supervision checklist of a spot check, with what the inspectors found."""

    task = models.ForeignKey(SpotCheckTask, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("checklist item"), max_length=255)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ItemOutcome.choices, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["task", "position"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class InspectorConflict(BaseModel):
    """An inspector's declared conflict of interest with an enterprise: never drawn to check it."""

    inspector = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="declared_conflicts"
    )
    enterprise = models.ForeignKey("registry.Enterprise", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=255)
    active = models.BooleanField(_("in force"), default=True)

    scope_org_field = "enterprise__org"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")

    def __str__(self) -> str:
        return f"{self.inspector} × {self.enterprise}"
