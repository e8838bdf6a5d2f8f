"""Reads of control measures: which measures are in force for a declaration, the measure list."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone
from ninja import Field

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict

from ..choices import MeasureScope, MeasureStatus
from ..models import ControlMeasure


def measure_matches(
    measure: ControlMeasure,
    *,
    origin_id: str,
    enterprise_ids: set[int],
    base_ids: set[int],
    hs_codes: list[str],
    group_ids: set[str],
    today: dt.date,
) -> bool:
    """Is this active measure in force today for a declaration with these facts?"""
    if measure.starts_on > today or (measure.ends_on is not None and measure.ends_on < today):
        return False
    if measure.scope == MeasureScope.ENTERPRISE:
        return measure.enterprise_id in enterprise_ids
    if measure.scope == MeasureScope.PRODUCTION_BASE:
        return measure.production_base_id in base_ids
    if measure.origin_id != origin_id:
        return False
    if measure.hs_prefix and not any(code.startswith(measure.hs_prefix) for code in hs_codes):
        return False
    return not (measure.commodity_group_id and measure.commodity_group_id not in group_ids)


def open_measures_matching(
    *,
    origin_id: str,
    enterprise_ids: set[int],
    base_ids: set[int],
    hs_codes: list[str],
    group_ids: set[str],
    today: dt.date | None = None,
) -> list[ControlMeasure]:
    """Measures in force today that match these facts of a declaration (one query)."""
    today = today or timezone.localdate()
    target = Q(scope=MeasureScope.ORIGIN_COMMODITY, origin_id=origin_id)
    if enterprise_ids:
        target |= Q(scope=MeasureScope.ENTERPRISE, enterprise_id__in=enterprise_ids)
    if base_ids:
        target |= Q(scope=MeasureScope.PRODUCTION_BASE, production_base_id__in=base_ids)
    candidates = ControlMeasure.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        target,
        status=MeasureStatus.ACTIVE,
        starts_on__lte=today,
    ).order_by("id")
    found = []
    for measure in candidates:
        if measure.scope == MeasureScope.ORIGIN_COMMODITY:
            if measure.hs_prefix and not any(code.startswith(measure.hs_prefix) for code in hs_codes):
                continue
            if measure.commodity_group_id and measure.commodity_group_id not in group_ids:
                continue
        found.append(measure)
    return found


def measures_for_declaration(declaration) -> list[ControlMeasure]:
    """Open control measures that match a declaration (shown on the inspector's dossier)."""
    lines = list(declaration.lines.select_related("hs").prefetch_related("production_bases"))
    return open_measures_matching(
        origin_id=declaration.origin_country_id,
        enterprise_ids={i for i in (declaration.declarant_id, declaration.consignee_id) if i},
        base_ids={b.pk for line in lines for b in line.production_bases.all()},
        hs_codes=[line.hs_id for line in lines],
        group_ids={line.hs.group_id for line in lines if line.hs.group_id},
    )


class MeasureFilters(FilterSet):
    """The control-measure list's filters: the page (targeting:measure_list), its export and
    GET /api/v1/targeting/measures."""

    status: one_of([*MeasureStatus.values, "all"], "Where the measure stands; all: in force or lifted") = (
        MeasureStatus.ACTIVE.value
    )
    q: str = Field(
        "", max_length=100, description="Enterprise, production base, origin code, HS prefix or reason"
    )


def measure_list(*, user, filters: MeasureFilters | None = None, **given) -> QuerySet:
    """Control measures (bureau-wide), in force first; `filters` (or its fields as keywords) narrow the list."""
    f = filters or MeasureFilters(**given)
    qs = restrict(ControlMeasure.objects.all(), user, "targeting.view").select_related(
        "enterprise", "production_base", "origin", "commodity_group"
    )
    if f.status in MeasureStatus.values:
        qs = qs.filter(status=f.status)
    if f.q:
        qs = qs.filter(
            Q(reason__icontains=f.q)
            | Q(enterprise__name_zh__icontains=f.q)
            | Q(production_base__code__icontains=f.q)
            | Q(origin__code__iexact=f.q)
            | Q(hs_prefix__startswith=f.q)
        )
    return qs.order_by("status", "-id")


def measure_get(*, user, pk: int) -> ControlMeasure:
    measure = measure_list(user=user, status="all").filter(pk=pk).first()
    if measure is None:
        raise NotFound()
    return measure
