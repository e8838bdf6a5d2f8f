"""Targeting API (/api/v1/targeting): rule profiles, control measures, levels, models, decisions, backtests.

Foreign keys are given by their codes: origin (ISO), commodity_group, declarant/consignee/enterprise (USCC),
production_base (registration code), port (unit code).
"""

import datetime as dt

from ninja import Query, Router, Schema, Status

from guomen.clearance import services as clearance
from guomen.core.errors import PermissionDenied
from guomen.core.pagination import paginated
from guomen.core.permissions import can

from . import selectors, services
from .explain import explanation_lines
from .refs import resolve
from .services import jobs, models

router = Router(tags=["targeting"])


def _require(user, action: str = "targeting.view") -> None:
    if not can(user, action):
        raise PermissionDenied()


class RuleOut(Schema):
    id: int
    name: str
    hs_prefix: str
    commodity_group: str | None
    origin: str | None
    direction: str
    declarant: str | None
    consignee: str | None
    production_base: str | None
    credit_grades: list[str]
    enterprise_classes: list[str]
    transport: str
    port: str | None
    unit_value_anomaly: bool
    weight_anomaly: bool
    channel: str
    percentage: int
    valid_from: dt.date | None
    valid_to: dt.date | None
    instruction: str
    active: bool
    version: int
    updated_at: dt.datetime

    @staticmethod
    def resolve_origin(obj):
        return obj.origin_id

    @staticmethod
    def resolve_commodity_group(obj):
        return obj.commodity_group_id

    @staticmethod
    def resolve_declarant(obj):
        return obj.declarant.uscc if obj.declarant_id else None

    @staticmethod
    def resolve_consignee(obj):
        return obj.consignee.uscc if obj.consignee_id else None

    @staticmethod
    def resolve_production_base(obj):
        return obj.production_base.code if obj.production_base_id else None

    @staticmethod
    def resolve_port(obj):
        return obj.port.code if obj.port_id else None


class RuleIn(Schema):
    name: str
    channel: str
    hs_prefix: str = ""
    commodity_group: str | None = None
    origin: str | None = None
    direction: str = ""
    declarant: str | None = None
    consignee: str | None = None
    production_base: str | None = None
    credit_grades: list[str] = []
    enterprise_classes: list[str] = []
    transport: str = ""
    port: str | None = None
    unit_value_anomaly: bool = False
    weight_anomaly: bool = False
    percentage: int = 100
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    instruction: str = ""
    active: bool = True


class RulePatch(Schema):
    version: int | None = None
    name: str | None = None
    channel: str | None = None
    hs_prefix: str | None = None
    commodity_group: str | None = None
    origin: str | None = None
    direction: str | None = None
    declarant: str | None = None
    consignee: str | None = None
    production_base: str | None = None
    credit_grades: list[str] | None = None
    enterprise_classes: list[str] | None = None
    transport: str | None = None
    port: str | None = None
    unit_value_anomaly: bool | None = None
    weight_anomaly: bool | None = None
    percentage: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    instruction: str | None = None
    active: bool | None = None


class ReasonIn(Schema):
    reason: str = ""


@router.get("/rules", response=list[RuleOut], summary="Rule profiles")
@paginated
def rule_list(request, filters: Query[selectors.RuleFilters]):
    """The filters of the rule page (and its export), by the same names: active rules by default."""
    _require(request.auth)
    return selectors.rule_list(user=request.auth, filters=filters)


@router.get("/rules/{rule_id}", response=RuleOut, summary="One rule profile")
def rule_detail(request, rule_id: int):
    _require(request.auth)
    return selectors.rule_get(user=request.auth, pk=rule_id)


@router.post("/rules", response={201: RuleOut}, summary="Create a rule profile")
def rule_create(request, payload: RuleIn):
    _require(request.auth, "targeting.edit")
    values = resolve(payload.dict())
    return Status(201, services.rule_create(actor=request.auth, **values))


@router.patch("/rules/{rule_id}", response=RuleOut, summary="Edit a rule profile (send its version)")
def rule_update(request, rule_id: int, payload: RulePatch):
    _require(request.auth, "targeting.edit")
    rule = selectors.rule_get(user=request.auth, pk=rule_id)
    changes = resolve(payload.dict(exclude_unset=True))
    version = changes.pop("version", None)
    return services.rule_update(rule=rule, actor=request.auth, expected_version=version, **changes)


@router.post("/rules/{rule_id}/deactivate", response=RuleOut, summary="Deactivate a rule profile")
def rule_deactivate(request, rule_id: int, payload: ReasonIn):
    _require(request.auth, "targeting.edit")
    rule = selectors.rule_get(user=request.auth, pk=rule_id)
    return services.rule_deactivate(rule=rule, actor=request.auth, reason=payload.reason)


class MeasureOut(Schema):
    id: int
    scope: str
    target: str
    status: str
    consignments: int
    routed: int
    remaining: int
    lift_after_conforming: int
    conforming_streak: int
    non_conforming: int
    starts_on: dt.date
    ends_on: dt.date | None
    reason: str
    source_ref: str
    lift_reason: str

    @staticmethod
    def resolve_target(obj):
        return obj.target_label


class MeasureIn(Schema):
    scope: str
    enterprise: str | None = None
    production_base: str | None = None
    origin: str | None = None
    hs_prefix: str = ""
    commodity_group: str | None = None
    consignments: int
    lift_after_conforming: int
    ends_on: dt.date | None = None
    reason: str
    source_ref: str = ""


class ExtendIn(Schema):
    reason: str
    more_consignments: int = 0
    ends_on: dt.date | None = None
    lift_after_conforming: int | None = None


@router.get("/measures", response=list[MeasureOut], summary="Control measures (加严检验)")
@paginated
def measure_list(request, filters: Query[selectors.MeasureFilters]):
    """The filters of the measure page (and its export), by the same names: in force by default."""
    _require(request.auth)
    return selectors.measure_list(user=request.auth, filters=filters)


@router.get("/measures/{measure_id}", response=MeasureOut, summary="One control measure")
def measure_detail(request, measure_id: int):
    _require(request.auth)
    return selectors.measure_get(user=request.auth, pk=measure_id)


@router.post("/measures", response={201: MeasureOut}, summary="Tighten inspection")
def measure_create(request, payload: MeasureIn):
    _require(request.auth, "targeting.measure")
    values = resolve(payload.dict())
    return Status(201, services.control_measure_create(actor=request.auth, **values))


@router.post("/measures/{measure_id}/extend", response=MeasureOut, summary="Extend a control measure")
def measure_extend(request, measure_id: int, payload: ExtendIn):
    _require(request.auth, "targeting.measure")
    measure = selectors.measure_get(user=request.auth, pk=measure_id)
    return services.control_measure_extend(measure=measure, actor=request.auth, **payload.dict())


@router.post("/measures/{measure_id}/lift", response=MeasureOut, summary="Lift a control measure")
def measure_lift(request, measure_id: int, payload: ReasonIn):
    _require(request.auth, "targeting.measure")
    measure = selectors.measure_get(user=request.auth, pk=measure_id)
    return services.control_measure_lift(measure=measure, actor=request.auth, reason=payload.reason)


class LevelOut(Schema):
    origin: str
    commodity_group: str
    level: int
    inspected: int
    non_conforming: int
    rate: float
    group_rate: float
    computed_on: dt.date

    @staticmethod
    def resolve_origin(obj):
        return obj.origin_id

    @staticmethod
    def resolve_commodity_group(obj):
        return obj.commodity_group_id


@router.get("/levels", response=list[LevelOut], summary="Frequency levels with the rates behind them")
@paginated
def level_list(request, filters: Query[selectors.LevelFilters]):
    """The filters of the level page (and its export), by the same names."""
    _require(request.auth)
    return selectors.level_list(user=request.auth, filters=filters)


class ModelOut(Schema):
    id: int
    name: str
    status: str
    train_from: dt.date | None
    train_to: dt.date | None
    rows: int
    positives: int
    metrics: dict
    promoted_at: dt.datetime | None


class TrainIn(Schema):
    train_from: dt.date
    train_to: dt.date


class BacktestIn(Schema):
    date_from: dt.date
    date_to: dt.date
    capacity: float = 0.1
    model_id: int | None = None
    rules: str = "history"


class TargetingJobOut(Schema):
    id: int
    kind: str
    status: str
    progress: int
    log: str
    result: dict | None


@router.get("/models", response=list[ModelOut], summary="Risk models")
@paginated
def model_list(request):
    _require(request.auth)
    return selectors.model_list(user=request.auth)


@router.post("/models/train", response={202: TargetingJobOut}, summary="Train a candidate model (a job)")
def model_train(request, payload: TrainIn):
    _require(request.auth, "targeting.model")
    return Status(202, jobs.train_request(actor=request.auth, **payload.dict()))


@router.post("/models/{model_id}/promote", response=ModelOut, summary="Promote a model to live")
def model_promote(request, model_id: int, payload: ReasonIn):
    _require(request.auth, "targeting.model")
    model = selectors.model_get(user=request.auth, pk=model_id)
    return models.model_promote(model=model, actor=request.auth, reason=payload.reason)


@router.post("/models/{model_id}/retire", response=ModelOut, summary="Retire a model")
def model_retire(request, model_id: int, payload: ReasonIn):
    _require(request.auth, "targeting.model")
    model = selectors.model_get(user=request.auth, pk=model_id)
    return models.model_retire(model=model, actor=request.auth, reason=payload.reason)


@router.post("/backtests", response={202: TargetingJobOut}, summary="Run a backtest (a job)")
def backtest(request, payload: BacktestIn):
    _require(request.auth)
    values = payload.dict()
    model_id = values.pop("model_id")
    model = selectors.model_get(user=request.auth, pk=model_id) if model_id else None
    return Status(202, jobs.backtest_request(actor=request.auth, model=model, **values))


@router.get(
    "/jobs/{job_id}", response=TargetingJobOut, summary="Progress and result of a training or backtest job"
)
def job_detail(request, job_id: int):
    _require(request.auth)
    return selectors.job_get(user=request.auth, pk=job_id)


class DecisionOut(Schema):
    declaration: str
    channel: str
    decided_by: str
    decided_at: dt.datetime
    score: float | None
    model: str | None
    random_control: bool
    mandatory: bool
    model_selected: bool
    instruction: str
    explanation: dict
    words: dict
    original_channel: str
    reroute_reason: str


class RerouteIn(Schema):
    channel: str
    reason: str


def _decision_out(decision) -> dict:
    lines = explanation_lines(decision)
    words = {k: ([str(x) for x in v] if isinstance(v, list) else v) for k, v in lines.items()}
    words["level"] = str(words["level"])
    return {
        "declaration": decision.declaration.number,
        "channel": decision.channel,
        "decided_by": decision.decided_by,
        "decided_at": decision.decided_at,
        "score": decision.score,
        "model": decision.model.name if decision.model_id else None,
        "random_control": decision.random_control,
        "mandatory": decision.mandatory,
        "model_selected": decision.model_selected,
        "instruction": decision.instruction,
        "explanation": decision.explanation,
        "words": words,
        "original_channel": decision.original_channel,
        "reroute_reason": decision.reroute_reason,
    }


@router.get(
    "/decisions/{number}", response=DecisionOut, summary="A decision explained (analysts, supervisors)"
)
def decision_detail(request, number: str):
    return _decision_out(selectors.decision_get(user=request.auth, number=number))


@router.post(
    "/decisions/{number}/reroute", response=DecisionOut, summary="Re-route a declaration (supervisor)"
)
def clearance_reroute(request, number: str, payload: RerouteIn):
    _require(request.auth, "targeting.reroute")
    decision = selectors.decision_get(user=request.auth, number=number)
    clearance.clearance_reroute(declaration=decision.declaration, actor=request.auth, **payload.dict())
    return _decision_out(selectors.decision_get(user=request.auth, number=number))
