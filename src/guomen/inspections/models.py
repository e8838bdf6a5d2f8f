from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.models import BaseModel
from guomen.targeting.choices import Channel

from .choices import (
    CheckKind,
    CheckResult,
    Disposition,
    Outcome,
    RectificationOutcome,
    RectificationStatus,
    TaskStatus,
    TreatmentKind,
)


class InspectionTask(BaseModel):
    """An inspection a port's inspectors must carry out on a declaration."""

    declaration = models.ForeignKey(
        "declarations.Declaration", on_delete=models.CASCADE, related_name="inspection_tasks"
    )
    port = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("port")
    )
    channel = models.CharField(_("channel"), max_length=20)
    priority = models.PositiveSmallIntegerField(_("priority"), default=50)
    instruction = models.TextField(_("instruction"), blank=True)
    status = models.CharField(_("status"), max_length=30, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    due_date = models.DateField(_("due date"), db_index=True)
    assignee = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_tasks",
        verbose_name=_("inspector"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    notes = models.TextField(_("findings"), blank=True)
    proposed_disposition = models.CharField(
        _("proposed disposition"), max_length=20, choices=Disposition.choices, blank=True
    )
    treatment_kind = models.CharField(
        _("treatment"), max_length=20, choices=TreatmentKind.choices, blank=True, default="", db_default=""
    )
    conditions = models.TextField(_("conditions of release"), blank=True, default="", db_default="")
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    disposition = models.CharField(_("disposition"), max_length=20, choices=Disposition.choices, blank=True)
    confirmed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    scope_org_field = "port"
    scope_enterprise_fields = ()

    class Meta:
        ordering = ["-priority", "due_date", "id"]
        indexes = [models.Index(fields=["port", "status", "due_date"])]
        verbose_name = _("inspection task")
        verbose_name_plural = _("inspection tasks")

    def __str__(self) -> str:
        return f"{self.declaration_id} #{self.pk}"

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label) if self.channel in Channel.values else self.channel

    @property
    def is_overdue(self) -> bool:
        return self.due_date < timezone.localdate()

    @property
    def is_due_today(self) -> bool:
        return self.due_date == timezone.localdate()


class Finding(models.Model):
    """One thing found during an inspection (a pest, decay, a wrong mark...)."""

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="findings")
    hazard = models.ForeignKey(
        "catalog.Hazard",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("hazard"),
    )
    description = models.CharField(_("description"), max_length=255)
    count = models.PositiveIntegerField(pgettext_lazy("quantity", "count"), null=True, blank=True)
    checklist_code = models.CharField(
        _("checklist item"), max_length=60, blank=True, default="", db_default=""
    )
    found_at = models.DateTimeField(_("found at"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.description


class ChecklistItem(models.Model):
    """One line of the checklist (查验项目) as the inspector recorded it."""

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="checklist")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=CheckKind.choices)
    title = models.CharField(_("item"), max_length=255)
    hint = models.TextField(_("how to check"), blank=True)
    hazard = models.ForeignKey(
        "catalog.Hazard", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("result"), max_length=20, choices=CheckResult.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["task", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "code"], name="uniq_checklist_code")]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.title


def photo_path(instance, filename: str) -> str:
    return f"inspections/{timezone.localdate():%Y/%m}/{instance.task_id}-{filename}"


class InspectionPhoto(models.Model):
    """A photo taken on site: resized, EXIF removed, attached to a finding once the result is recorded."""

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="photos")
    finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to=photo_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size_bytes = models.PositiveIntegerField(default=0)
    taken_at = models.DateTimeField(_("taken at"))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")

    def __str__(self) -> str:
        return f"{self.task_id}/{self.pk}"


class RectificationRequest(BaseModel):
    """A request to an enterprise to put something right by a deadline (整改通知), with its answer."""

    task = models.ForeignKey(
        InspectionTask, null=True, blank=True, on_delete=models.SET_NULL, related_name="rectifications"
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="rectifications",
        verbose_name=_("enterprise"),
    )
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    subject = models.CharField(_("subject"), max_length=200)
    details = models.TextField(_("what must be put right"), blank=True)
    due_date = models.DateField(pgettext_lazy("rectification", "deadline"), db_index=True)
    owner = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    answer = models.TextField(_("enterprise's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overdue_flagged_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=RectificationOutcome.choices, blank=True, default=""
    )
    violation = models.ForeignKey(
        "supervision.CreditEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("violation to put right"),
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["org", "status", "due_date"])]
        verbose_name = _("rectification request")
        verbose_name_plural = _("rectification requests")

    def __str__(self) -> str:
        return self.subject

    @property
    def is_overdue(self) -> bool:
        return self.status == RectificationStatus.OPEN and self.due_date < timezone.localdate()


class RectificationAnswer(models.Model):
    """One round of the enterprise's answer to a rectification request, and the bureau's decision on it."""

    request = models.ForeignKey(RectificationRequest, on_delete=models.CASCADE, related_name="answers")
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    text = models.TextField(_("what has been put right"))
    answered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"))
    decision = models.CharField(
        _("decision"), max_length=20, choices=RectificationOutcome.choices, blank=True, default=""
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    scope_org_field = "request__org"
    scope_enterprise_fields = ("request__enterprise",)

    class Meta:
        ordering = ["request", "round", "id"]
        verbose_name = _("rectification answer")
        verbose_name_plural = _("rectification answers")

    def __str__(self) -> str:
        return f"{self.request_id}#{self.round}"


def evidence_path(instance, filename: str) -> str:
    return f"rectifications/{timezone.localdate():%Y/%m}/{filename}"


class RectificationFile(models.Model):
    """A file sent with an answer (photo, PDF, spreadsheet): served only to the enterprise and the unit's staff."""

    answer = models.ForeignKey(RectificationAnswer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=evidence_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size_bytes = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_org_field = "answer__request__org"
    scope_enterprise_fields = ("answer__request__enterprise",)

    class Meta:
        ordering = ["answer", "id"]
        verbose_name = _("rectification file")
        verbose_name_plural = _("rectification files")

    def __str__(self) -> str:
        return self.name
