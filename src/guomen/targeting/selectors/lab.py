"""Reads for analysts: frequency levels, risk models, jobs, decisions and port capacities."""

from django.db.models import QuerySet
from ninja import Field

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet
from guomen.core.models import JobRun
from guomen.core.permissions import require, restrict
from guomen.declarations.models import Declaration

from ..models import FrequencyLevel, PortCapacity, RiskModel, TargetingDecision

JOB_KINDS = ("targeting.train", "targeting.backtest")


class LevelFilters(FilterSet):
    """The frequency-level list's filters: the page (targeting:level_list), its export and
    GET /api/v1/targeting/levels."""

    raised_only: bool = Field(False, description="Only origin × commodity pairs above level 0")


def level_list(*, user, filters: LevelFilters | None = None, **given) -> QuerySet:
    """Frequency levels (bureau-wide), highest first; `filters` (or its fields as keywords) narrow the list."""
    raised_only = (filters or LevelFilters(**given)).raised_only
    qs = restrict(FrequencyLevel.objects.all(), user, "targeting.view").select_related(
        "origin", "commodity_group"
    )
    if raised_only:
        qs = qs.filter(level__gt=0)
    return qs.order_by("-level", "-rate", "origin_id", "commodity_group_id")


def model_list(*, user) -> QuerySet:
    return (
        restrict(RiskModel.objects.all(), user, "targeting.view")
        .select_related("promoted_by")
        .order_by("-id")
    )


def model_get(*, user, pk: int) -> RiskModel:
    model = model_list(user=user).filter(pk=pk).first()
    if model is None:
        raise NotFound()
    return model


def job_list(*, user, kind: str = "") -> QuerySet:
    require(user, "targeting.view")
    qs = JobRun.objects.filter(kind__in=JOB_KINDS)
    return qs.filter(kind=kind) if kind else qs


def job_get(*, user, pk: int) -> JobRun:
    job = job_list(user=user).filter(pk=pk).first()
    if job is None:
        raise NotFound()
    return job


def decision_get(*, user, number: str) -> TargetingDecision:
    """The decision on a declaration of the user's jurisdiction (analysts, supervisors)."""
    require(user, "targeting.view")
    declaration = restrict(Declaration.objects.all(), user, "declaration.view").filter(number=number).first()
    decision = (
        TargetingDecision.objects.select_related("declaration__port", "model", "rerouted_by")
        .filter(declaration=declaration)
        .first()
        if declaration is not None
        else None
    )
    if decision is None:
        raise NotFound()
    return decision


def capacity_list(*, user) -> QuerySet:
    return restrict(PortCapacity.objects.all(), user, "targeting.view").select_related("port")
