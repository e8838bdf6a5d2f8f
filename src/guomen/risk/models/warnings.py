from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from ..choices import (
    Classification,
    ClusterDimension,
    MeasureKind,
    MeasureStatus,
    RiskDecision,
    WarningStatus,
)


def _fk(model: str, label, related_name: str = "+"):
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=models.PROTECT, related_name=related_name, verbose_name=label
    )


class Assessment(BaseModel):
    """An analyst's judgement (研判) of a signal or a cluster: risk decision, classification, reasoning."""

    cluster = _fk("risk.RiskCluster", _("cluster"), "assessments")
    signal = _fk("risk.RiskSignal", _("signal"), "assessments")
    risk_decision = models.CharField(_("risk decision"), max_length=30, choices=RiskDecision.choices)
    classification = models.CharField(_("classification"), max_length=30, choices=Classification.choices)
    reasoning = models.TextField(_("reasoning"))
    evidence = models.TextField(_("evidence"), blank=True)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("jurisdiction")
    )
    assessed_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("analyst")
    )

    scope_org_field = "org"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")

    def __str__(self) -> str:
        return f"{self.get_risk_decision_display()} · {self.get_classification_display()}"


class EarlyWarning(BaseModel):
    """An early warning (预警通报): drafted by an analyst, validated and published by a supervisor."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=20, choices=WarningStatus.choices, default=WarningStatus.DRAFT, db_index=True
    )
    classification = models.CharField(_("classification"), max_length=30, choices=Classification.choices)
    risk_decision = models.CharField(_("risk decision"), max_length=30, choices=RiskDecision.choices)
    assessment = _fk("risk.Assessment", _("assessment"), "warnings")
    follow_up_of = _fk("self", _("follow-up of"), "follow_ups")
    addressees = models.ManyToManyField(
        "accounts.OrgUnit", blank=True, related_name="+", verbose_name=_("addressed to")
    )
    hazard = _fk("catalog.Hazard", _("hazard"))
    origin = _fk("catalog.Country", _("origin"))
    commodity_group = _fk("catalog.CommodityGroup", _("commodity group"))
    hs_prefix = models.CharField(_("HS prefix"), max_length=10, blank=True)
    enterprise = _fk("registry.Enterprise", _("enterprise"))
    production_base = _fk("registry.ProductionBase", _("production base"))
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    drafted_by = _fk("accounts.User", _("drafted by"))
    validated_by = _fk("accounts.User", _("validated by"))
    published_by = _fk("accounts.User", _("published by"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    scope_org_field = "org"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Measure(BaseModel):
    """A rapid-response measure attached to a warning, with an owner, a deadline and a lifting condition."""

    warning = models.ForeignKey(
        EarlyWarning, on_delete=models.CASCADE, related_name="measures", verbose_name=_("warning")
    )
    kind = models.CharField(_("measure"), max_length=30, choices=MeasureKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeasureStatus.choices,
        default=MeasureStatus.PLANNED,
        db_index=True,
    )
    owner = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    deadline = models.DateField(_("deadline"), db_index=True)
    lifting_condition = models.CharField(_("lifting condition"), max_length=255)
    # what the measure applies to
    scope = models.CharField(_("applies to"), max_length=20, choices=ClusterDimension.choices, blank=True)
    enterprise = _fk("registry.Enterprise", _("enterprise"))
    production_base = _fk("registry.ProductionBase", _("production base"))
    origin = _fk("catalog.Country", _("origin"))
    commodity_group = _fk("catalog.CommodityGroup", _("commodity group"))
    hs_prefix = models.CharField(_("HS prefix"), max_length=10, blank=True)
    # tightened inspection
    consignments = models.PositiveIntegerField(_("consignments to inspect"), default=0)
    lift_after_conforming = models.PositiveIntegerField(_("lift after conforming consignments"), default=0)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    control_ref = models.CharField(_("control measure"), max_length=80, blank=True)
    # consumer warning (public text only)
    public_title = models.CharField(_("public title"), max_length=255, blank=True)
    public_text = models.TextField(_("public text"), blank=True)
    public_days = models.PositiveSmallIntegerField(_("days on the portal"), default=28)
    public_from = models.DateField(_("public from"), null=True, blank=True)
    public_until = models.DateField(_("withdrawn after"), null=True, blank=True, db_index=True)
    proposed_by = _fk("accounts.User", _("proposed by"))
    approved_by = _fk("accounts.User", _("approved by"))
    # effect bookkeeping
    prior_status = models.CharField(_("status before the measure"), max_length=20, blank=True)
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    finish_reason = models.CharField(_("why it ended"), max_length=255, blank=True)

    scope_org_field = "warning__org"

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("rapid-response measure")
        verbose_name_plural = _("rapid-response measures")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.warning.number}"
