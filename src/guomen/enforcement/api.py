"""Enforcement API: interviews, commitments, case handovers with partner agencies."""

import datetime as dt

from ninja import Query, Router, Schema

from guomen.core.actions import apply
from guomen.core.pagination import paginated
from guomen.core.permissions import require
from guomen.registry.selectors import enterprise_named

from . import selectors, services

router = Router(tags=["enforcement"])


def _enterprise(user, uscc: str):
    return enterprise_named(user=user, uscc=uscc)


class InterviewIn(Schema):
    enterprise: str
    scheduled_on: dt.date
    subject: str


class HoldIn(Schema):
    attendees: str
    outcome: str
    version: int | None = None


class InterviewOut(Schema):
    id: int
    enterprise: str
    scheduled_on: dt.date
    subject: str
    status: str
    outcome: str

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc


class CommitmentIn(Schema):
    enterprise: str
    kind: str
    signed_on: dt.date
    text: str
    valid_until: dt.date | None = None


class BreakIn(Schema):
    reason: str
    occurred_on: dt.date
    version: int | None = None


class CommitmentOut(Schema):
    id: int
    enterprise: str
    kind: str
    signed_on: dt.date
    valid_until: dt.date | None
    text: str
    status: str

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc


class HandoverIn(Schema):
    direction: str
    agency: str
    subject: str
    handed_on: dt.date
    enterprise: str = ""
    agency_office: str = ""
    reference: str = ""


class HandoverStatusIn(Schema):
    to: str
    result: str = ""
    version: int | None = None


class HandoverOut(Schema):
    id: int
    direction: str
    agency: str
    agency_office: str
    subject: str
    handed_on: dt.date
    reference: str
    result: str  # the partner's reply, or the outcome once concluded
    status: str
    version: int


class CancelIn(Schema):
    reason: str
    version: int | None = None


@router.get("/interviews", response=list[InterviewOut])
@paginated
def interviews(request, filters: Query[selectors.InterviewFilters]):
    """The filters of the interview page (and its export), by the same names."""
    require(request.auth, "enforcement.view")
    return selectors.interview_list(user=request.auth, filters=filters)


@router.post("/interviews", response={201: InterviewOut})
def interview_schedule(request, payload: InterviewIn):
    require(request.auth, "enforcement.edit")
    return 201, services.interview_schedule(
        enterprise=_enterprise(request.auth, payload.enterprise),
        scheduled_on=payload.scheduled_on,
        subject=payload.subject,
        actor=request.auth,
    )


@router.post("/interviews/{pk}/held", response=InterviewOut)
def interview_hold(request, pk: int, payload: HoldIn):
    interview = selectors.interview_get(user=request.auth, pk=pk)
    return apply(services.interview_hold, payload, interview=interview, actor=request.auth)


@router.post("/interviews/{pk}/cancel", response=InterviewOut)
def interview_cancel(request, pk: int, payload: CancelIn):
    interview = selectors.interview_get(user=request.auth, pk=pk)
    return apply(services.interview_cancel, payload, interview=interview, actor=request.auth)


@router.get("/commitments", response=list[CommitmentOut])
@paginated
def commitments(request, filters: Query[selectors.CommitmentFilters]):
    """The filters of the commitment page (and its export), by the same names."""
    require(request.auth, "enforcement.view")
    return selectors.commitment_list(user=request.auth, filters=filters)


@router.post("/commitments", response={201: CommitmentOut})
def commitment_record(request, payload: CommitmentIn):
    require(request.auth, "enforcement.record")
    data = payload.model_dump()
    enterprise = _enterprise(request.auth, data.pop("enterprise"))
    return 201, services.commitment_record(enterprise=enterprise, actor=request.auth, **data)


@router.post("/commitments/{pk}/broken", response=CommitmentOut)
def commitment_break(request, pk: int, payload: BreakIn):
    commitment = selectors.commitment_get(user=request.auth, pk=pk)
    return apply(services.commitment_break, payload, commitment=commitment, actor=request.auth)


@router.get("/handovers", response=list[HandoverOut])
@paginated
def handovers(request, filters: Query[selectors.HandoverFilters]):
    """The filters of the handover page (and its export), by the same names."""
    require(request.auth, "enforcement.view")
    return selectors.handover_list(user=request.auth, filters=filters)


@router.post("/handovers", response={201: HandoverOut})
def handover_record(request, payload: HandoverIn):
    require(request.auth, "enforcement.edit")
    data = payload.model_dump()
    code = data.pop("enterprise")
    enterprise = _enterprise(request.auth, code) if code else None
    return 201, services.handover_record(enterprise=enterprise, actor=request.auth, **data)


@router.get("/handovers/{pk}", response=HandoverOut)
def handover_detail(request, pk: int):
    require(request.auth, "enforcement.edit")
    return selectors.handover_get(user=request.auth, pk=pk)


@router.post("/handovers/{pk}/status", response=HandoverOut)
def handover_status(request, pk: int, payload: HandoverStatusIn):
    handover = selectors.handover_get(user=request.auth, pk=pk)
    return apply(services.handover_set_status, payload, handover=handover, actor=request.auth)


class PartnerIn(Schema):
    campaign: str  # campaign code
    agency: str
    agency_office: str
    role: str = ""


class PartnerStatusIn(Schema):
    to: str
    reason: str = ""
    role: str = ""
    version: int | None = None


class PartnerOut(Schema):
    id: int
    campaign: str
    agency: str
    agency_office: str
    role: str
    status: str
    version: int

    @staticmethod
    def resolve_campaign(obj):
        return obj.campaign.code


@router.get("/partners", response=list[PartnerOut])
@paginated
def partners(request):
    require(request.auth, "enforcement.view")
    return selectors.partner_list(user=request.auth)


@router.post("/partners", response={201: PartnerOut})
def partner_invite(request, payload: PartnerIn):
    require(request.auth, "enforcement.edit")
    data = payload.model_dump()
    campaign = selectors.campaign_named(user=request.auth, code=data.pop("campaign"))
    return 201, services.partner_invite(campaign=campaign, actor=request.auth, **data)


@router.post("/partners/{pk}/status", response=PartnerOut)
def partner_status(request, pk: int, payload: PartnerStatusIn):
    partner = selectors.partner_get(user=request.auth, pk=pk)
    return apply(services.partner_set_status, payload, partner=partner, actor=request.auth)
