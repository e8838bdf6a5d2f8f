"""Foreign notifications about our exports (境外通报), the candidates the matcher offers, trace-back cases (追踪调查)
and their investigation tasks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from guomen.core.models import BaseModel

from .choices import CaseStatus, Cause, NotificationSource, NotificationStatus, TaskStatus


class TraceNotification(BaseModel):
    """A notification by a foreign authority about goods of Chinese origin, waiting to be traced to an exporter.

    The notification itself is public information for every bureau unit (any unit may find its exporter in
    it); candidates and cases belong to the unit of the export."""

    source = models.CharField(_("source"), max_length=10, choices=NotificationSource.choices)
    foreign = models.OneToOneField(
        "risk.ForeignNotification",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="traceback",
        verbose_name=_("RASFF notification"),
    )
    reference = models.CharField(_("notification reference"), max_length=60, db_index=True)
    authority = models.CharField(_("notifying authority"), max_length=200)
    notifying_country = models.ForeignKey(
        "catalog.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("notifying country"),
    )
    notified_on = models.DateField(_("notified on"), db_index=True)
    subject = models.TextField(_("subject"))
    product = models.CharField(_("product"), max_length=255, blank=True)
    operator = models.TextField(_("operators named"), blank=True)
    hazards_text = models.TextField(_("hazards as notified"), blank=True)
    commodity_group = models.ForeignKey(
        "catalog.CommodityGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("commodity group"),
    )
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)
    numbers = models.CharField(_("declaration or certificate numbers quoted"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    attributed_org = models.ForeignKey(
        "accounts.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("attributed to unit"),
    )
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_national = True

    class Meta:
        ordering = ["-notified_on", "-id"]
        indexes = [models.Index(fields=["status", "notified_on"])]
        verbose_name = _("notification about our exports")
        verbose_name_plural = _("notifications about our exports")

    def __str__(self) -> str:
        return self.reference


class MatchCandidate(models.Model):
    """An exporter (and its best-fitting export declaration) the matcher offers for a notification, with the
    score and the evidence behind it. A score, not a finding."""

    notification = models.ForeignKey(TraceNotification, on_delete=models.CASCADE, related_name="candidates")
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.CASCADE, related_name="+", verbose_name=_("exporter")
    )
    declaration = models.ForeignKey(
        "declarations.Declaration",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("export declaration"),
    )
    org = models.ForeignKey("accounts.OrgUnit", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("match score"))
    evidence = models.JSONField(_("evidence"), default=list)

    scope_org_field = "org"

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "enterprise"], name="traceback_candidate_once")
        ]
        verbose_name = _("match candidate")
        verbose_name_plural = _("match candidates")

    def __str__(self) -> str:
        return f"{self.notification_id}→{self.enterprise_id} ({self.score})"


class TraceCase(BaseModel):
    """A trace-back investigation (追踪调查) at the exporter a notification was confirmed against."""

    number = models.CharField(_("case number"), max_length=30, unique=True)
    notification = models.OneToOneField(TraceNotification, on_delete=models.PROTECT, related_name="case")
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("exporter")
    )
    declaration = models.ForeignKey(
        "declarations.Declaration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("export declaration"),
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    status = models.CharField(
        _("status"), max_length=15, choices=CaseStatus.choices, default=CaseStatus.INVESTIGATING
    )
    findings = models.TextField(_("investigation findings"), blank=True)
    cause = models.CharField(_("cause"), max_length=15, choices=Cause.choices, blank=True)
    credit_event = models.ForeignKey(
        "supervision.CreditEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rectification = models.ForeignKey(
        "inspections.RectificationRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rectification request"),
    )
    closing_report = models.TextField(_("closing report"), blank=True)
    opened_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["org", "status"])]
        verbose_name = _("trace-back case")
        verbose_name_plural = _("trace-back cases")

    def __str__(self) -> str:
        return self.number


class CaseTask(BaseModel):
    """An investigation task at the exporter (records, production site, inputs, samples)."""

    case = models.ForeignKey(TraceCase, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    assignee = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    due_date = models.DateField(_("complete by"))
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    result = models.TextField(_("result"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    scope_org_field = "case__org"

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("investigation task")
        verbose_name_plural = _("investigation tasks")

    def __str__(self) -> str:
        return self.title
