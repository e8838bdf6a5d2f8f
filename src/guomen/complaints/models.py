from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.models import BaseModel

from .choices import OPEN_STATUSES, Category, ComplaintKind, ComplaintStatus, Outcome


class Complaint(BaseModel):
    """A 12365 complaint, report or question from the public, followed to reply and closure.

    The contact fields are personal data: only staff of the handling unit see them; the
    tracking page shows status, dates, the reply and the outcome, nothing else.
    """

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=ComplaintKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
        db_index=True,
    )
    product = models.CharField(_("product"), max_length=200)
    place = models.CharField(_("where it was bought or seen"), max_length=200, blank=True)
    enterprise_name = models.CharField(_("enterprise (if known)"), max_length=200, blank=True)
    description = models.TextField(_("what happened"))
    contact_name = models.CharField(_("your name"), max_length=60, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    client_hash = models.CharField(max_length=32, blank=True, editable=False)
    org = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("handling unit")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    assignee = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_complaints",
        verbose_name=_("assignee"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("enterprise on file"),
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("reply due by"), db_index=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    outcome = models.CharField(
        pgettext_lazy("complaint", "outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    closing_note = models.TextField(_("closing note"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    scope_org_field = "org"

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["org", "status", "due_on"])]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())

    @property
    def replied_on_time(self) -> bool | None:
        if self.replied_at is None:
            return None
        return timezone.localdate(self.replied_at) <= self.due_on


class ComplaintPhoto(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="complaints/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()

    scope_org_field = "complaint__org"

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"{self.complaint_id}/{self.pk}"
