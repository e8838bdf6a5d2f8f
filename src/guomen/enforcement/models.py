from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.core.models import BaseModel

from .choices import (
    Agency,
    CommitmentKind,
    CommitmentStatus,
    Direction,
    HandoverStatus,
    InterviewStatus,
    PartnerStatus,
)


def _org():
    return models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )


def _enterprise(related: str):
    return models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name=related, verbose_name=_("enterprise")
    )


class Interview(BaseModel):
    """An interview (约谈) with an enterprise's management about its quality; once held it counts in credit as a
    warning (supervision's credit events)."""

    enterprise = _enterprise("interviews")
    org = _org()
    scheduled_on = models.DateField(_("scheduled for"))
    subject = models.CharField(_("subject"), max_length=255)
    attendees = models.CharField(_("attended by the enterprise"), max_length=255, blank=True)
    outcome = models.TextField(_("what was agreed"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InterviewStatus.choices, default=InterviewStatus.SCHEDULED
    )
    credit_event = models.ForeignKey(
        "supervision.CreditEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-scheduled_on", "-id"]
        indexes = [
            models.Index(fields=["-scheduled_on", "-id"], name="enf_interview_latest")
        ]  # the lists' order
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.scheduled_on}"


class Commitment(BaseModel):
    """A signed commitment of an enterprise (诚信承诺 or 《安全责任书》); breaking it counts in credit as a
    violation."""

    enterprise = _enterprise("commitments")
    org = _org()
    kind = models.CharField(_("kind"), max_length=20, choices=CommitmentKind.choices)
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    text = models.TextField(_("commitment"))
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.IN_FORCE
    )
    credit_event = models.ForeignKey(
        "supervision.CreditEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_org_field = "org"
    scope_enterprise_fields = ("enterprise",)

    class Meta:
        ordering = ["-signed_on", "-id"]
        indexes = [
            models.Index(fields=["-signed_on", "-id"], name="enf_commitment_latest")
        ]  # the lists' order
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.get_kind_display()}"


class Handover(BaseModel):
    """A case handed over to or received from a partner agency in joint enforcement, with its status."""

    direction = models.CharField(
        pgettext_lazy("handover", "direction"), max_length=5, choices=Direction.choices
    )
    agency = models.CharField(_("partner agency"), max_length=20, choices=Agency.choices)
    agency_office = models.CharField(_("partner office"), max_length=150, blank=True)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handovers",
        verbose_name=_("enterprise"),
    )
    org = _org()
    subject = models.CharField(_("subject"), max_length=255)
    handed_on = models.DateField(_("date"))
    reference = models.CharField(_("document reference"), max_length=60, blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("campaign"),
    )
    result = models.TextField(_("result"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=HandoverStatus.choices, default=HandoverStatus.OPEN
    )

    scope_org_field = "org"

    class Meta:
        ordering = ["-handed_on", "-id"]
        indexes = [models.Index(fields=["-handed_on", "-id"], name="enf_handover_latest")]  # the lists' order
        verbose_name = _("case handover")
        verbose_name_plural = _("case handovers")

    def __str__(self) -> str:
        return self.subject


class CampaignPartner(BaseModel):
    """A partner agency on a joint-enforcement campaign (清风, 清源, 双打 …): which office took part, and what it did."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="partners", verbose_name=_("campaign")
    )
    agency = models.CharField(_("partner agency"), max_length=20, choices=Agency.choices)
    agency_office = models.CharField(_("partner office"), max_length=150)
    role = models.CharField(_("part it plays"), max_length=255, blank=True)
    org = _org()
    status = models.CharField(
        _("status"), max_length=20, choices=PartnerStatus.choices, default=PartnerStatus.INVITED
    )

    scope_org_field = "org"

    class Meta:
        ordering = ["campaign", "agency", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "agency", "agency_office"], name="uniq_campaign_partner_office"
            )
        ]
        verbose_name = _("campaign partner agency")
        verbose_name_plural = _("campaign partner agencies")

    def __str__(self) -> str:
        return f"{self.get_agency_display()} {self.agency_office}"
