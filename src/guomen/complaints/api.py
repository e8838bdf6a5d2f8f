"""Complaints API: public submission and tracking (no key needed), staff handling, feedback rate."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from guomen.accounts.models import OrgUnit, User
from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import org_in_scope, require
from guomen.portal import ratelimit
from guomen.registry.selectors import enterprise_named

from . import selectors, services

router = Router(tags=["complaints"])


class ComplaintIn(Schema):
    kind: str = "complaint"
    product: str
    place: str = ""
    enterprise_name: str = ""
    description: str
    org: str = ""
    agency: str = ""  # unified social credit code of the inspection agency complained about, if any
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


class TrackingOut(Schema):
    tracking_code: str
    kind: str
    product: str
    status: str
    status_label: str
    received_on: date
    due_on: date
    unit: str
    reply: str
    replied_on: date | None
    outcome_label: str
    closed_on: date | None


class ComplaintOut(Schema):
    id: int
    tracking_code: str
    kind: str
    status: str
    product: str
    place: str
    enterprise_name: str
    description: str
    category: str
    org: str
    assignee: str | None
    received_at: datetime
    due_on: date
    overdue: bool
    enterprise: str | None
    reply: str
    replied_at: datetime | None
    outcome: str

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.code

    @staticmethod
    def resolve_assignee(obj) -> str | None:
        return obj.assignee.username if obj.assignee_id else None

    @staticmethod
    def resolve_enterprise(obj) -> str | None:
        return obj.enterprise.uscc if obj.enterprise_id else None

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue()


class TriageIn(Schema):
    category: str
    org: str
    assignee: str = ""
    enterprise: str | None = None  # USCC of the enterprise complained about; "" takes it off, absent keeps it
    version: int | None = None


class ReplyIn(Schema):
    reply: str
    version: int | None = None


class CloseIn(Schema):
    outcome: str
    note: str = ""
    version: int | None = None


class ComplaintRateOut(Schema):
    replied_on_time: int
    received: int
    rate: float | None


def _org(code: str, field: str = "org") -> OrgUnit | None:
    if not code:
        return None
    org = OrgUnit.objects.filter(code=code.upper()).first()
    if org is None:
        raise ValidationFailed(fields={field: [code]})
    return org


@router.post("/public", auth=None, response={201: TrackingOut})
def submit(request, payload: ComplaintIn):
    """Submit a complaint (no key needed; rate-limited per client). Returns the tracking code."""
    ratelimit.hit("complaint_submit", ratelimit.client_id(request))
    complaint = services.complaint_submit(
        data=payload.dict(),
        org=_org(payload.org),
        client=ratelimit.client_id(request),
        agency=selectors.agency_named(payload.agency),
    )
    return 201, selectors.complaint_track(code=complaint.tracking_code)


@router.get("/public/{code}", auth=None, response=TrackingOut)
def track(request, code: str):
    """Status, dates, reply and outcome by tracking code (no personal data)."""
    client = ratelimit.client_id(request)
    ratelimit.check("complaint_track", client)
    try:
        return selectors.complaint_track(code=code)
    except NotFound:
        ratelimit.hit("complaint_track", client)
        raise


@router.get("", response=list[ComplaintOut])
@paginated
def complaints(request, filters: Query[selectors.ComplaintFilters]):
    """The filters of the complaint page, by the same names."""
    require(request.auth, "complaint.view")
    return selectors.complaint_list(user=request.auth, filters=filters)


@router.get("/feedback-rate", response=ComplaintRateOut)
def rate(request, start: date, end: date, org: str = ""):
    """The complaint-feedback rate (replied by the deadline / received) of a period."""
    require(request.auth, "complaint.view")
    unit = _org(org) or request.auth.org
    if unit is None:
        raise ValidationFailed(fields={"org": [_("Give the unit code.")]})

    if not org_in_scope(request.auth, unit):
        raise NotFound()
    num, den = selectors.feedback_rate(start=start, end=end, org=unit)
    return {"replied_on_time": num, "received": den, "rate": round(num / den, 4) if den else None}


@router.get("/{int:pk}", response=ComplaintOut)
def detail(request, pk: int):
    return selectors.complaint_get(user=request.auth, pk=pk)


@router.post("/{int:pk}/triage", response=ComplaintOut)
def triage(request, pk: int, payload: TriageIn):
    complaint = selectors.complaint_get(user=request.auth, pk=pk)
    assignee = None
    if payload.assignee:
        assignee = User.objects.filter(username=payload.assignee).first()
        if assignee is None:
            raise ValidationFailed(fields={"assignee": [payload.assignee]})
    enterprise = services.KEEP
    if payload.enterprise is not None:
        code = payload.enterprise.strip()
        enterprise = enterprise_named(user=request.auth, uscc=code) if code else None
    return services.complaint_triage(
        complaint=complaint,
        category=payload.category,
        org=_org(payload.org) or complaint.org,
        assignee=assignee,
        enterprise=enterprise,
        actor=request.auth,
        expected_version=payload.version,
    )


@router.post("/{int:pk}/reply", response=ComplaintOut)
def reply(request, pk: int, payload: ReplyIn):
    complaint = selectors.complaint_get(user=request.auth, pk=pk)
    return services.complaint_reply(
        complaint=complaint, reply=payload.reply, actor=request.auth, expected_version=payload.version
    )


@router.post("/{int:pk}/close", response=ComplaintOut)
def close(request, pk: int, payload: CloseIn):
    complaint = selectors.complaint_get(user=request.auth, pk=pk)
    return services.complaint_close(
        complaint=complaint,
        outcome=payload.outcome,
        note=payload.note,
        actor=request.auth,
        expected_version=payload.version,
    )
