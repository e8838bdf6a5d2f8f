"""Recalls API: list, open, detail, affected consignments and dealers, status, progress."""

import datetime as dt

from ninja import Query, Router, Schema

from guomen.core.actions import apply
from guomen.core.pagination import paginated
from guomen.core.permissions import require

from . import selectors, services

router = Router(tags=["recalls"])


class RecallIn(Schema):
    title: str
    category: str
    product: str
    defect: str
    enterprise: str  # USCC of the responsible importer
    source: str
    reported_on: dt.date
    units_affected: int = 0
    hs_code: str = ""
    early_warning: str = ""  # number of the early warning


class RecallOut(Schema):
    number: str
    title: str
    category: str
    product: str
    status: str
    enterprise: str
    reported_on: dt.date
    units_affected: int
    units_recovered: int
    consignments: list[str]
    dealers: list[str]
    consumer_warning: str = ""  # status of the linked consumer warning (planned, in_force, …)
    version: int

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_consignments(obj):
        return sorted(obj.consignments.values_list("number", flat=True))

    @staticmethod
    def resolve_consumer_warning(obj):
        return obj.consumer_warning.status if obj.consumer_warning_id else ""

    @staticmethod
    def resolve_dealers(obj):
        return sorted(obj.dealers.values_list("uscc", flat=True))


class AffectedIn(Schema):
    consignments: list[str] = []
    dealers: list[str] = []


class RecallStatusIn(Schema):
    to: str
    reason: str = ""
    review: str = ""
    version: int | None = None


class ProgressIn(Schema):
    reported_on: dt.date
    units_recovered: int
    note: str


class RecallWarningIn(Schema):
    title: str
    text: str
    days: int = 28


class RecallCreatedOut(Schema):
    id: int


@router.get("", response=list[RecallOut])
@paginated
def recalls(request, filters: Query[selectors.RecallFilters]):
    """The filters of the recall page (and its export), by the same names."""
    require(request.auth, "recall.view")
    return selectors.recall_list(user=request.auth, filters=filters)


@router.post("", response={201: RecallOut})
def recall_open(request, payload: RecallIn):
    require(request.auth, "recall.edit")
    data = payload.model_dump()
    parties = selectors.recall_parties(user=request.auth, data=data)
    return 201, services.recall_open(actor=request.auth, **parties, **data)


@router.get("/{number}", response=RecallOut)
def recall_detail(request, number: str):
    return selectors.recall_get(user=request.auth, number=number)


@router.post("/{number}/affected", response=RecallOut)
def recall_affected(request, number: str, payload: AffectedIn):
    recall = selectors.recall_get(user=request.auth, number=number)
    return services.recall_name_affected(
        recall=recall, consignments=payload.consignments, dealers=payload.dealers, actor=request.auth
    )


@router.post("/{number}/status", response=RecallOut)
def recall_status(request, number: str, payload: RecallStatusIn):
    recall = selectors.recall_get(user=request.auth, number=number)
    return apply(services.recall_set_status, payload, recall=recall, actor=request.auth)


@router.post("/{number}/progress", response={201: RecallCreatedOut})
def recall_progress(request, number: str, payload: ProgressIn):
    recall = selectors.recall_get(user=request.auth, number=number)
    return 201, services.recall_progress(recall=recall, actor=request.auth, **payload.model_dump())


@router.post("/{number}/consumer-warning", response=RecallOut)
def recall_warn(request, number: str, payload: RecallWarningIn):
    recall = selectors.recall_get(user=request.auth, number=number)
    return services.recall_warn_consumers(recall=recall, actor=request.auth, **payload.model_dump())
