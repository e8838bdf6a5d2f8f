from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.models import BaseModel

from ..choices import (
    OPEN_BLACKLIST,
    BlacklistStatus,
    CreditEventKind,
    CreditEventStatus,
    DowngradeStatus,
    PetitionStatus,
    Severity,
)


class CreditEvent(BaseModel):
    """A violation (point deduction), warning, completed rectification or commendation, with evidence."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="credit_events",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CreditEventKind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    points = models.IntegerField(_("points"), default=0)
    occurred_on = models.DateField(_("date"), db_index=True)
    description = models.TextField(_("description"))
    evidence = models.CharField(_("evidence (document numbers, records)"), max_length=255, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="supervision/evidence/%Y/", blank=True)
    related_event = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("violation rectified"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CreditEventStatus.choices, default=CreditEventStatus.ACTIVE
    )
    source_ref = models.CharField(_("source record"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "enterprise__org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["enterprise", "status", "occurred_on"])]
        verbose_name = _("credit event")
        verbose_name_plural = _("credit events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.points:+d}"


class BlacklistEntry(BaseModel):
    """Blacklisting (失信) of an enterprise: proposed, decided by a supervisor, lifted after a petition."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="blacklist_entries",
        verbose_name=_("enterprise"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BlacklistStatus.choices, default=BlacklistStatus.PROPOSED
    )
    reason = models.TextField(_("reason"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    required_conforming = models.PositiveSmallIntegerField(
        _("consecutive conforming consignments required before lifting"), default=5
    )
    proposed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.CharField(_("decision note"), max_length=255, blank=True)
    listed_at = models.DateTimeField(_("blacklisted at"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    scope_org_field = "enterprise__org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=models.Q(status__in=OPEN_BLACKLIST),
                name="uniq_open_blacklist_entry",
            )
        ]
        verbose_name = _("blacklist entry")
        verbose_name_plural = _("blacklist entries")

    def __str__(self) -> str:
        return f"{self.enterprise} ({self.get_status_display()})"


class RemovalPetition(BaseModel):
    """An enterprise's petition to be taken off the blacklist: root cause and corrective actions."""

    entry = models.ForeignKey(BlacklistEntry, on_delete=models.CASCADE, related_name="petitions")
    root_cause = models.TextField(_("root cause"))
    corrective_actions = models.TextField(_("corrective actions"))
    status = models.CharField(
        _("status"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommended_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lifting recommended by"),
    )
    recommended_at = models.DateTimeField(_("lifting recommended at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=255, blank=True)
    conforming_streak = models.PositiveIntegerField(_("consecutive conforming consignments"), default=0)

    scope_org_field = "entry__enterprise__org"
    scope_enterprise_fields = ("entry__enterprise",)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("removal petition")
        verbose_name_plural = _("removal petitions")

    def __str__(self) -> str:
        return f"{self.entry.enterprise} · {self.get_status_display()}"


class CreditDowngrade(BaseModel):
    """A downgrade to credit grade D (失信): the recompute proposes it, a second supervisor approves it.

    Until approved the enterprise keeps its grade; a blacklisting (itself decided by four eyes) needs none.
    """

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="credit_downgrades",
        verbose_name=_("enterprise"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DowngradeStatus.choices, default=DowngradeStatus.PROPOSED
    )
    from_grade = models.CharField(_("grade before"), max_length=2)
    score = models.IntegerField(_("credit score"), default=0)
    proposed_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=pgettext_lazy("person", "decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=255, blank=True)

    scope_org_field = "enterprise__org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=models.Q(status="proposed"),
                name="uniq_open_credit_downgrade",
            )
        ]
        verbose_name = _("downgrade to grade D")
        verbose_name_plural = _("downgrades to grade D")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.from_grade}→D ({self.get_status_display()})"
