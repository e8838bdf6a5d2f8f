"""What the engine reads on every decision but rarely changes, kept in memory while it stays the same.

One query returns a stamp of the rule profiles, settings, port capacities, frequency levels, the live model,
import requirements, the commodities production bases are registered for and risk signals (counts,
version sums, latest changes). While the stamp is unchanged
the decision uses the rows read last time; any change, from any process, is seen by the next decision.
Control measures are known from the snapshot (a new, lifted or extended measure changes the stamp), but the
consignments a matching measure has left, and the port's daily counts, are read live when they matter.
"""

import threading
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection

from . import lookup
from .choices import MeasureStatus, ModelStatus
from .models import ControlMeasure, FrequencyLevel, PortCapacity, RiskModel, RuleProfile, TargetingSettings

# Per table, the aggregates that change when a row is added, changed or removed; each table is read once, its
# aggregates joined into one text value.
_STAMP_PARTS = [
    (
        "targeting_ruleprofile",
        ["COUNT(*)", "SUM(version)", "MAX(updated_at)", "SUM(CASE WHEN active THEN 1 ELSE 0 END)"],
    ),
    ("targeting_targetingsettings", ["COUNT(*)", "MAX(updated_at)"]),
    ("targeting_portcapacity", ["COUNT(*)", "MAX(updated_at)"]),
    ("targeting_frequencylevel", ["COUNT(*)", "MAX(updated_at)"]),
    (
        "targeting_riskmodel",
        ["MAX(CASE WHEN status = 'live' THEN id END)", "SUM(version)", "MAX(created_at)", "MAX(promoted_at)"],
    ),
    (
        "targeting_controlmeasure",
        ["SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END)", "MAX(id)", "SUM(version)", "MAX(updated_at)"],
    ),
    ("catalog_importrequirement", ["COUNT(*)", "MAX(updated_at)"]),
    ("catalog_importrequirement_pests", ["COUNT(*)"]),
    (
        "registry_productionbase_commodities",
        ["COUNT(*)", "MAX(id)"],
    ),  # the commodities each base is registered for
]


def _part(table: str, aggregates: list[str]) -> str:
    text = " || '|' || ".join(f"COALESCE(CAST({a} AS TEXT), '')" for a in aggregates)
    return f"(SELECT {text} FROM {table})"


def _stamp_sql() -> str:
    parts = [_part(table, aggregates) for table, aggregates in _STAMP_PARTS]
    try:
        signal = apps.get_model("risk", "RiskSignal")
        parts.append(f"(SELECT MAX(id) FROM {signal._meta.db_table})")
    except LookupError:
        pass
    return "SELECT " + ", ".join(parts)


@dataclass
class Snapshot:
    stamp: tuple
    settings: TargetingSettings
    rules: list[RuleProfile]
    levels: dict[tuple[str, str], FrequencyLevel]
    capacities: dict[int, PortCapacity]
    live: RiskModel | None
    measures: list[ControlMeasure]
    memo: dict = field(default_factory=dict)  # requirements and notice counts read under this stamp

    def base_commodities(self, base_ids) -> dict[int, list[str]]:
        """The HS codes each of these bases is registered for; bases not read yet under this stamp in one
        statement, the others from memory."""
        known = self.memo.setdefault("base_commodities", {})
        missing = [pk for pk in base_ids if pk not in known]
        if missing:
            known.update(lookup.base_commodities(missing))
        return known

    def remember(self, key, loader):
        if key not in self.memo:
            self.memo[key] = loader()
        return self.memo[key]


_LOCK = threading.Lock()
_CURRENT: dict[str, Snapshot] = {}


def _load(stamp: tuple) -> Snapshot:
    settings_row = TargetingSettings.objects.order_by("id").first()
    return Snapshot(
        stamp=stamp,
        settings=settings_row if settings_row is not None else TargetingSettings(random_rate=0.0),
        rules=list(RuleProfile.objects.filter(active=True).select_related("port").order_by("id")),
        levels={(r.origin_id, r.commodity_group_id): r for r in FrequencyLevel.objects.filter(level__gt=0)},
        capacities={c.port_id: c for c in PortCapacity.objects.all()},
        live=RiskModel.objects.filter(status=ModelStatus.LIVE).order_by("-promoted_at", "-id").first(),
        measures=list(ControlMeasure.objects.filter(status=MeasureStatus.ACTIVE).order_by("id")),
    )


def snapshot() -> Snapshot:
    """The current snapshot (one stamp query; the rows are read again only after a change)."""
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql())
        stamp = (connection.alias, connection.settings_dict.get("NAME"), *cursor.fetchone())
    current = _CURRENT.get("snapshot")
    if current is not None and current.stamp == stamp:
        return current
    with _LOCK:
        fresh = _load(stamp)
        _CURRENT["snapshot"] = fresh
    return fresh
