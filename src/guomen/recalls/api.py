"""Recalls API: list, open, detail, affected consignments and dealers, status, progress."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from guomen.core.errors import ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require, restrict
from guomen.registry.models import Enterprise

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
    version: int

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_consignments(obj):
        return sorted(obj.consignments.values_list("number", flat=True))

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


class RecallCreatedOut(Schema):
    id: int


@router.get("", response=list[RecallOut])
@paginated
def recalls(request, q: str = "", category: str = "", status: str = ""):
    require(request.auth, "recall.view")
    return selectors.recall_list(user=request.auth, q=q, category=category, status=status)


@router.post("", response={201: RecallOut})
def recall_open(request, payload: RecallIn):
    from guomen.risk.models import EarlyWarning

    require(request.auth, "recall.edit")
    data = payload.model_dump()
    enterprise = restrict(
        Enterprise.objects.filter(uscc=data.pop("enterprise")), request.auth, "enterprise.view"
    ).first()
    if enterprise is None:
        raise ValidationFailed(fields={"enterprise": [_("No such enterprise that you may see.")]})
    number = data.pop("early_warning")
    warning = None
    if number:
        warning = restrict(EarlyWarning.objects.filter(number=number), request.auth, "risk.view").first()
        if warning is None:
            raise ValidationFailed(fields={"early_warning": [_("No such early warning that you may see.")]})
    return 201, services.recall_open(enterprise=enterprise, early_warning=warning, actor=request.auth, **data)


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
    return services.recall_set_status(
        recall=recall,
        to=payload.to,
        reason=payload.reason,
        review=payload.review,
        actor=request.auth,
        expected_version=payload.version,
    )


@router.post("/{number}/progress", response={201: RecallCreatedOut})
def recall_progress(request, number: str, payload: ProgressIn):
    recall = selectors.recall_get(user=request.auth, number=number)
    return 201, services.recall_progress(recall=recall, actor=request.auth, **payload.model_dump())
