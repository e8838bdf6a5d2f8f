"""Trace-back API (bureau staff only): the queue, hand entry, candidates with their evidence, the decision."""

import datetime as dt

from ninja import Query, Router, Schema

from guomen.catalog.models import CommodityGroup, Country
from guomen.core.errors import ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require

from . import selectors, services

router = Router(tags=["tracebacks"])


class TraceNotificationIn(Schema):
    reference: str
    authority: str
    notified_on: dt.date
    subject: str
    notifying_country: str = ""
    product: str = ""
    operator: str = ""
    hazards_text: str = ""
    commodity_group: str = ""
    hs_code: str = ""
    numbers: str = ""


class TraceCandidateOut(Schema):
    id: int
    enterprise: str
    enterprise_name: str
    declaration: str | None
    score: int
    evidence: list[dict]

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_enterprise_name(obj):
        return obj.enterprise.name_zh

    @staticmethod
    def resolve_declaration(obj):
        return obj.declaration.number if obj.declaration_id else None


class TraceNotificationOut(Schema):
    id: int
    source: str
    reference: str
    authority: str
    notified_on: dt.date
    subject: str
    status: str
    version: int


class TraceNotificationDetailOut(TraceNotificationOut):
    candidates: list[TraceCandidateOut]
    candidates_elsewhere: int
    case: str | None


class TraceDecisionIn(Schema):
    candidate: int | None = None
    reason: str = ""
    version: int | None = None


class TraceCaseOut(Schema):
    number: str
    notification: str
    enterprise: str
    status: str

    @staticmethod
    def resolve_notification(obj):
        return obj.notification.reference

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc


def _detail(user, notification) -> dict:
    candidates, elsewhere = selectors.notification_candidates(user, notification)
    case = selectors.notification_case(user, notification)
    return {
        **{f: getattr(notification, f) for f in TraceNotificationOut.model_fields},
        "candidates": candidates,
        "candidates_elsewhere": elsewhere,
        "case": case.number if case else None,
    }


@router.get("/notifications", response=list[TraceNotificationOut])
@paginated
def notifications(request, filters: Query[selectors.NotificationFilters]):
    """The queue of foreign notifications (bureau staff): the filters of the queue page (and its export), by the
    same names."""
    return selectors.notification_list(request.auth, filters=filters)


@router.post("/notifications", response={201: TraceNotificationDetailOut})
def notification_enter(request, payload: TraceNotificationIn):
    require(request.auth, "traceback.enter")
    data = payload.model_dump()
    for field, model in (("notifying_country", Country), ("commodity_group", CommodityGroup)):
        code = data[field].strip()
        data[field] = None
        if code:
            data[field] = model.objects.filter(pk=code.upper() if model is Country else code).first()
            if data[field] is None:
                raise ValidationFailed(fields={field: [f"{code}?"]})
    notification = services.notification_enter(actor=request.auth, **data)
    return 201, _detail(request.auth, notification)


@router.get("/notifications/{pk}", response=TraceNotificationDetailOut)
def notification_detail(request, pk: int):
    return _detail(request.auth, selectors.notification_get(request.auth, pk))


@router.post("/notifications/{pk}/confirm", response={201: TraceCaseOut})
def confirm(request, pk: int, payload: TraceDecisionIn):
    notification = selectors.notification_get(request.auth, pk)
    require(request.auth, "traceback.decide")
    candidate = selectors.candidate_get(request.auth, notification, payload.candidate)
    case = services.match_confirm(
        notification=notification,
        candidate=candidate,
        reason=payload.reason,
        actor=request.auth,
        expected_version=payload.version,
    )
    return 201, case


@router.post("/notifications/{pk}/no-match", response=TraceNotificationOut)
def no_match(request, pk: int, payload: TraceDecisionIn):
    notification = selectors.notification_get(request.auth, pk)
    return services.match_reject(
        notification=notification, reason=payload.reason, actor=request.auth, expected_version=payload.version
    )


@router.get("/cases", response=list[TraceCaseOut])
@paginated
def cases(request, filters: Query[selectors.CaseFilters]):
    """The filters of the case page (and its export), by the same names."""
    return selectors.case_list(request.auth, filters=filters)
