"""Enforcement reads through restrict(): staff see their unit and below; an enterprise sees its own interviews
and commitments, never the handovers between agencies."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field

from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict

from .choices import (
    Agency,
    CommitmentKind,
    CommitmentStatus,
    Direction,
    HandoverStatus,
    InterviewStatus,
    PartnerStatus,
)
from .models import CampaignPartner, Commitment, Handover, Interview


class InterviewFilters(FilterSet):
    """The interview list's filters: the page (enforcement:interviews), its export and
    GET /api/v1/enforcement/interviews."""

    q: str = Field(
        "", max_length=60, description="Enterprise name, its credit code, or the subject (part of it)"
    )
    status: one_of(InterviewStatus, "Where the interview stands") = ""


class CommitmentFilters(FilterSet):
    """The commitment list's filters: the page (enforcement:commitments), its export and
    GET /api/v1/enforcement/commitments."""

    q: str = Field(
        "", max_length=60, description="Enterprise name, its credit code, or the text (part of it)"
    )
    kind: one_of(CommitmentKind, "The kind of commitment") = ""
    status: one_of(CommitmentStatus, "Where the commitment stands") = ""


class HandoverFilters(FilterSet):
    """The handover list's filters: the page (enforcement:handovers), its export and
    GET /api/v1/enforcement/handovers."""

    q: str = Field("", max_length=60, description="Subject, reference or the partner's office (part of it)")
    direction: one_of(Direction, "Handed over to a partner (out) or received from one (in)") = ""
    status: one_of(HandoverStatus, "Where the case stands") = ""
    agency: one_of(Agency, "The partner agency") = ""


def interview_list(*, user, filters: InterviewFilters | None = None, **given) -> QuerySet:
    """Interviews the user may see, the latest first."""
    f = filters or InterviewFilters(**given)
    q, status = f.q, f.status
    qs = restrict(Interview.objects.all(), user, "enforcement.view").select_related("enterprise", "org")
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(enterprise__name_zh__icontains=q) | Q(enterprise__uscc=q))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-scheduled_on", "-id")


def commitment_list(*, user, filters: CommitmentFilters | None = None, **given) -> QuerySet:
    """Commitments the user may see, the latest signed first."""
    f = filters or CommitmentFilters(**given)
    q, kind, status = f.q, f.kind, f.status
    qs = restrict(Commitment.objects.all(), user, "enforcement.view").select_related("enterprise", "org")
    if q:
        qs = qs.filter(Q(text__icontains=q) | Q(enterprise__name_zh__icontains=q) | Q(enterprise__uscc=q))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-signed_on", "-id")


def handover_list(*, user, filters: HandoverFilters | None = None, **given) -> QuerySet:
    """Case handovers with partner agencies the user may see, the latest first."""
    f = filters or HandoverFilters(**given)
    q, direction, status, agency = f.q, f.direction, f.status, f.agency
    qs = restrict(Handover.objects.all(), user, "enforcement.view").select_related(
        "enterprise", "org", "campaign"
    )
    if direction:
        qs = qs.filter(direction=direction)
    if status:
        qs = qs.filter(status=status)
    if agency:
        qs = qs.filter(agency=agency)
    if q:
        qs = qs.filter(Q(subject__icontains=q) | Q(reference__icontains=q) | Q(agency_office__icontains=q))
    return qs.order_by("-handed_on", "-id")


def enterprise_talks(*, user, enterprise) -> dict:
    """An enterprise's interviews and signed commitments, as its page shows them (what the user may see)."""
    return {
        "interviews": list(interview_list(user=user).filter(enterprise=enterprise)[:20]),
        "commitments": list(commitment_list(user=user).filter(enterprise=enterprise)[:20]),
    }


def _get(qs, pk):
    found = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def interview_get(*, user, pk) -> Interview:
    return _get(interview_list(user=user), pk)


def commitment_get(*, user, pk) -> Commitment:
    return _get(commitment_list(user=user), pk)


def handover_get(*, user, pk) -> Handover:
    return _get(handover_list(user=user), pk)


def partner_list(*, user, campaign=None) -> QuerySet:
    qs = restrict(CampaignPartner.objects.all(), user, "enforcement.view").select_related("campaign", "org")
    return qs.filter(campaign=campaign) if campaign is not None else qs


def partner_get(*, user, pk) -> CampaignPartner:
    return _get(partner_list(user=user), pk)


def campaign_partner_agencies(campaign) -> list[str]:
    """The agencies that took part in a campaign, as the campaign report names them (no user: the report's
    reader may already see the campaign)."""
    rows = CampaignPartner.objects.filter(campaign=campaign, status=PartnerStatus.TAKING_PART)
    names = []
    for partner in rows.order_by("agency", "agency_office"):
        name = partner.agency_office or str(partner.get_agency_display())
        if name not in names:
            names.append(name)
    return names


def campaign_named(*, user, code: str):
    """The campaign a form or payload names by code, among those the user may see; else an error on its field."""
    from guomen.campaigns.selectors import campaign_list

    found = campaign_list(user=user).filter(code=str(code or "").strip()).first() if code else None
    if found is None:
        raise ValidationFailed(fields={"campaign": [_("No such campaign that you may see.")]})
    return found
