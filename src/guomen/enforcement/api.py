"""Enforcement API: interviews, commitments, case handovers with partner agencies."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from guomen.core.errors import ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require, restrict
from guomen.registry.models import Enterprise

from . import selectors, services

router = Router(tags=["enforcement"])


def _enterprise(user, uscc: str):
    found = restrict(Enterprise.objects.filter(uscc=uscc), user, "enterprise.view").first() if uscc else None
    if found is None:
        raise ValidationFailed(fields={"enterprise": [_("No such enterprise that you may see.")]})
    return found


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
    subject: str
    handed_on: dt.date
    status: str


@router.get("/interviews", response=list[InterviewOut])
@paginated
def interviews(request):
    require(request.auth, "enforcement.view")
    return selectors.interview_list(user=request.auth)


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
    return services.interview_hold(
        interview=interview,
        attendees=payload.attendees,
        outcome=payload.outcome,
        actor=request.auth,
        expected_version=payload.version,
    )


@router.get("/commitments", response=list[CommitmentOut])
@paginated
def commitments(request):
    require(request.auth, "enforcement.view")
    return selectors.commitment_list(user=request.auth)


@router.post("/commitments", response={201: CommitmentOut})
def commitment_record(request, payload: CommitmentIn):
    require(request.auth, "enforcement.record")
    data = payload.model_dump()
    enterprise = _enterprise(request.auth, data.pop("enterprise"))
    return 201, services.commitment_record(enterprise=enterprise, actor=request.auth, **data)


@router.post("/commitments/{pk}/broken", response=CommitmentOut)
def commitment_break(request, pk: int, payload: BreakIn):
    commitment = selectors.commitment_get(user=request.auth, pk=pk)
    return services.commitment_break(
        commitment=commitment,
        reason=payload.reason,
        occurred_on=payload.occurred_on,
        actor=request.auth,
        expected_version=payload.version,
    )


@router.get("/handovers", response=list[HandoverOut])
@paginated
def handovers(request, direction: str = ""):
    require(request.auth, "enforcement.view")
    return selectors.handover_list(user=request.auth, direction=direction)


@router.post("/handovers", response={201: HandoverOut})
def handover_record(request, payload: HandoverIn):
    require(request.auth, "enforcement.edit")
    data = payload.model_dump()
    code = data.pop("enterprise")
    enterprise = _enterprise(request.auth, code) if code else None
    return 201, services.handover_record(enterprise=enterprise, actor=request.auth, **data)


@router.post("/handovers/{pk}/status", response=HandoverOut)
def handover_status(request, pk: int, payload: HandoverStatusIn):
    handover = selectors.handover_get(user=request.auth, pk=pk)
    return services.handover_set_status(
        handover=handover,
        to=payload.to,
        result=payload.result,
        actor=request.auth,
        expected_version=payload.version,
    )
