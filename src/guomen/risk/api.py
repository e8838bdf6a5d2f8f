"""Risk API (/api/v1/risk): signals (manual entry), clusters, assessments, warnings, measures, inbox."""

import datetime as dt

from ninja import Query, Router, Schema, Status

from guomen.catalog.models import CommodityGroup, Country, Hazard
from guomen.catalog.selectors import hs_resolve
from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import can, require
from guomen.registry.models import Enterprise, ProductionBase

from . import selectors, services
from .early_warnings import (
    assessment_create,
    warning_close,
    warning_create,
    warning_publish,
    warning_return,
    warning_validate,
)
from .measures import measure_add, measure_complete, measure_lift, measure_publish

router = Router(tags=["risk"])


class SignalIn(Schema):
    source: str
    title: str
    description: str = ""
    occurred_on: dt.date | None = None
    hs_code: str = ""
    commodity_group: str = ""
    hazard_code: str = ""
    origin: str = ""
    enterprise_uscc: str = ""
    production_base_code: str = ""


class SignalOut(Schema):
    id: int
    source: str
    source_ref: str
    title: str
    description: str
    occurred_on: dt.date
    hs: str | None = None
    commodity_group: str | None = None
    hazard: str | None = None
    origin: str | None = None
    enterprise: str | None = None
    production_base: str | None = None
    org: str
    cluster_id: int | None = None

    @staticmethod
    def resolve_hs(obj):
        return obj.hs_id

    @staticmethod
    def resolve_commodity_group(obj):
        return obj.commodity_group_id

    @staticmethod
    def resolve_hazard(obj):
        return obj.hazard.code if obj.hazard_id else None

    @staticmethod
    def resolve_origin(obj):
        return obj.origin_id

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc if obj.enterprise_id else None

    @staticmethod
    def resolve_production_base(obj):
        return obj.production_base.code if obj.production_base_id else None

    @staticmethod
    def resolve_org(obj):
        return obj.org.code


class ClusterOut(Schema):
    id: int
    dimension: str
    status: str
    hazard: str
    origin: str | None = None
    commodity_group: str | None = None
    enterprise: str | None = None
    production_base: str | None = None
    first_seen: dt.date
    last_seen: dt.date
    signal_count: int

    @staticmethod
    def resolve_hazard(obj):
        return obj.hazard.code

    @staticmethod
    def resolve_origin(obj):
        return obj.origin_id

    @staticmethod
    def resolve_commodity_group(obj):
        return obj.commodity_group_id

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc if obj.enterprise_id else None

    @staticmethod
    def resolve_production_base(obj):
        return obj.production_base.code if obj.production_base_id else None


class AssessmentIn(Schema):
    cluster_id: int | None = None
    signal_id: int | None = None
    risk_decision: str
    classification: str
    reasoning: str
    evidence: str = ""


class AssessmentOut(Schema):
    id: int
    cluster_id: int | None = None
    signal_id: int | None = None
    risk_decision: str
    classification: str
    reasoning: str
    evidence: str


class WarningIn(Schema):
    title: str
    body: str
    classification: str = ""
    risk_decision: str = ""
    assessment_id: int | None = None
    follow_up_of: int | None = None
    addressees: list[str] = []
    hs_prefix: str = ""


class RiskMeasureOut(Schema):
    id: int
    kind: str
    status: str
    owner: str
    deadline: dt.date
    lifting_condition: str
    control_ref: str
    public_from: dt.date | None = None
    public_until: dt.date | None = None

    @staticmethod
    def resolve_owner(obj):
        return obj.owner.username


class WarningOut(Schema):
    id: int
    number: str
    title: str
    body: str
    status: str
    classification: str
    risk_decision: str
    follow_up_of: int | None = None
    addressees: list[str]
    version: int
    measures: list[RiskMeasureOut]

    @staticmethod
    def resolve_follow_up_of(obj):
        return obj.follow_up_of_id

    @staticmethod
    def resolve_addressees(obj):
        return sorted(obj.addressees.values_list("code", flat=True))

    @staticmethod
    def resolve_measures(obj):
        return list(obj.measures.select_related("owner").order_by("id"))


class ActionIn(Schema):
    reason: str = ""
    version: int | None = None


class RiskMeasureIn(Schema):
    kind: str
    scope: str = ""
    owner: str
    deadline: dt.date
    lifting_condition: str
    enterprise_uscc: str = ""
    production_base_code: str = ""
    origin: str = ""
    commodity_group: str = ""
    hs_prefix: str = ""
    consignments: int | None = None
    lift_after_conforming: int | None = None
    ends_on: dt.date | None = None
    public_title: str = ""
    public_text: str = ""
    public_days: int | None = None


class InboxOut(Schema):
    id: int
    kind: str
    title: str
    item_count: int
    url: str
    updated_at: dt.datetime
    read_at: dt.datetime | None = None


def _lookup(model, field: str, value: str, name: str):
    if not value:
        return None
    found = model.objects.filter(**{field: value}).first()
    if found is None:
        raise ValidationFailed(fields={name: [f"{value}?"]})
    return found


def _subject(payload) -> dict:
    data = {
        "commodity_group": _lookup(CommodityGroup, "code", payload.commodity_group, "commodity_group"),
        "origin": _lookup(Country, "code", payload.origin.upper(), "origin"),
        "enterprise": _lookup(Enterprise, "uscc", payload.enterprise_uscc, "enterprise_uscc"),
        "production_base": _lookup(
            ProductionBase, "code", payload.production_base_code, "production_base_code"
        ),
    }
    return data


def _need(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied()


@router.get("/signals", response=list[SignalOut], summary="Risk signals in my jurisdiction")
@paginated
def signal_list(request, filters: Query[selectors.SignalFilters]):
    """The filters of the risk-signal page, by the same names (`from`, `to`, `group`, …)."""
    _need(request.auth, "risk.view")
    return selectors.signal_list(user=request.auth, filters=filters)


@router.post("/signals", response={201: SignalOut}, summary="Enter a risk signal by hand")
def signal_create(request, payload: SignalIn):
    _need(request.auth, "risk.edit")
    data = payload.dict() | _subject(payload)
    if payload.hs_code:
        data["hs"] = hs_resolve(payload.hs_code)
        if data["hs"] is None:
            raise ValidationFailed(fields={"hs_code": ["?"]})
    data["hazard"] = _lookup(Hazard, "code", payload.hazard_code, "hazard_code")
    return Status(201, services.signal_enter(actor=request.auth, data=data))


@router.get("/signals/{signal_id}", response=SignalOut, summary="One risk signal")
def signal_detail(request, signal_id: int):
    _need(request.auth, "risk.view")
    return selectors.signal_get(user=request.auth, pk=signal_id)


@router.get("/clusters", response=list[ClusterOut], summary="Signal clusters (open by default)")
@paginated
def cluster_list(request, filters: Query[selectors.ClusterFilters]):
    """The filters of the cluster page (and its export), by the same names."""
    _need(request.auth, "risk.view")
    return selectors.cluster_list(user=request.auth, filters=filters)


@router.get("/clusters/{cluster_id}", response=ClusterOut, summary="One signal cluster")
def cluster_detail(request, cluster_id: int):
    _need(request.auth, "risk.view")
    return selectors.cluster_get(user=request.auth, pk=cluster_id)


@router.post("/assessments", response={201: AssessmentOut}, summary="Assess a cluster or a signal")
def assessment_new(request, payload: AssessmentIn):
    _need(request.auth, "risk.edit")
    cluster = selectors.cluster_get(user=request.auth, pk=payload.cluster_id) if payload.cluster_id else None
    signal = selectors.signal_get(user=request.auth, pk=payload.signal_id) if payload.signal_id else None
    return Status(
        201, assessment_create(actor=request.auth, data=payload.dict(), cluster=cluster, signal=signal)
    )


@router.get("/warnings", response=list[WarningOut], summary="Early warnings I may see")
@paginated
def warning_list(request, filters: Query[selectors.WarningFilters]):
    """The filters of the warning page (and its export), by the same names."""
    _need(request.auth, "risk.view")
    return selectors.warning_list(user=request.auth, filters=filters)


@router.post("/warnings", response={201: WarningOut}, summary="Draft an early warning")
def warning_new(request, payload: WarningIn):
    _need(request.auth, "risk.edit")
    from guomen.accounts.models import OrgUnit

    assessment = (
        selectors.assessment_get(user=request.auth, pk=payload.assessment_id)
        if payload.assessment_id
        else None
    )
    original = (
        selectors.warning_get(user=request.auth, pk=payload.follow_up_of) if payload.follow_up_of else None
    )
    units = list(OrgUnit.objects.filter(code__in=payload.addressees))
    if len(units) != len(set(payload.addressees)):
        raise ValidationFailed(fields={"addressees": ["?"]})
    data = payload.dict() | {"addressees": units}
    return Status(
        201, warning_create(actor=request.auth, data=data, assessment=assessment, follow_up_of=original)
    )


@router.get("/warnings/{warning_id}", response=WarningOut, summary="One early warning with its measures")
def warning_detail(request, warning_id: int):
    _need(request.auth, "risk.view")
    return selectors.warning_get(user=request.auth, pk=warning_id)


WARNING_ACTIONS = {
    "validate": lambda w, u, p: warning_validate(warning=w, actor=u, expected_version=p.version),
    "return": lambda w, u, p: warning_return(warning=w, actor=u, reason=p.reason, expected_version=p.version),
    "publish": lambda w, u, p: warning_publish(warning=w, actor=u, expected_version=p.version),
    "close": lambda w, u, p: warning_close(warning=w, actor=u, reason=p.reason, expected_version=p.version),
}


@router.post(
    "/warnings/{warning_id}/{action}", response=WarningOut, summary="validate, return, publish or close"
)
def warning_act(request, warning_id: int, action: str, payload: ActionIn):
    _need(request.auth, "risk.approve")
    warning = selectors.warning_get(user=request.auth, pk=warning_id)
    if action not in WARNING_ACTIONS:
        raise ValidationFailed(fields={"action": [", ".join(WARNING_ACTIONS)]})
    return WARNING_ACTIONS[action](warning, request.auth, payload)


@router.post("/warnings/{warning_id}/measures", response={201: RiskMeasureOut}, summary="Attach a measure")
def measure_new(request, warning_id: int, payload: RiskMeasureIn):
    _need(request.auth, "risk.measure")
    from guomen.accounts.models import User

    warning = selectors.warning_get(user=request.auth, pk=warning_id)
    data = payload.dict() | _subject(payload)
    data["owner"] = _lookup(User, "username", payload.owner, "owner")
    return Status(201, measure_add(warning=warning, actor=request.auth, data=data))


@router.post(
    "/measures/{measure_id}/{action}",
    response=RiskMeasureOut,
    summary="lift or complete a measure, or publish a consumer warning (a second supervisor)",
)
def measure_act(request, measure_id: int, action: str, payload: ActionIn):
    _need(request.auth, "risk.view")
    measure = selectors.measure_get(user=request.auth, pk=measure_id)
    if action == "lift":
        return measure_lift(measure=measure, actor=request.auth, reason=payload.reason)
    if action == "complete":
        return measure_complete(measure=measure, actor=request.auth, reason=payload.reason)
    if action == "publish":
        return measure_publish(measure=measure, actor=request.auth, expected_version=payload.version)
    raise ValidationFailed(fields={"action": ["lift, complete, publish"]})


@router.get("/inbox", response=list[InboxOut], summary="My inbox (digests)")
@paginated
def inbox(request):
    require(request.auth, "risk.inbox")
    return selectors.inbox_list(user=request.auth)
