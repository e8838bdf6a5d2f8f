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

_STAMP_PARTS = [
    "SELECT COUNT(*) FROM targeting_ruleprofile",
    "SELECT SUM(version) FROM targeting_ruleprofile",
    "SELECT MAX(updated_at) FROM targeting_ruleprofile",
    "SELECT SUM(CASE WHEN active THEN 1 ELSE 0 END) FROM targeting_ruleprofile",
    "SELECT MAX(updated_at) FROM targeting_targetingsettings",
    "SELECT COUNT(*) FROM targeting_targetingsettings",
    "SELECT MAX(updated_at) FROM targeting_portcapacity",
    "SELECT COUNT(*) FROM targeting_portcapacity",
    "SELECT MAX(updated_at) FROM targeting_frequencylevel",
    "SELECT COUNT(*) FROM targeting_frequencylevel",
    "SELECT MAX(id) FROM targeting_riskmodel WHERE status = 'live'",
    "SELECT SUM(version) FROM targeting_riskmodel",
    "SELECT MAX(created_at) FROM targeting_riskmodel",
    "SELECT MAX(promoted_at) FROM targeting_riskmodel",
    "SELECT COUNT(*) FROM targeting_controlmeasure WHERE status = 'active'",
    "SELECT MAX(id) FROM targeting_controlmeasure",
    "SELECT SUM(version) FROM targeting_controlmeasure",
    "SELECT MAX(updated_at) FROM targeting_controlmeasure",
    "SELECT COUNT(*) FROM catalog_importrequirement",
    "SELECT MAX(updated_at) FROM catalog_importrequirement",
    "SELECT COUNT(*) FROM catalog_importrequirement_pests",
    "SELECT COUNT(*) FROM registry_productionbase_commodities",  # the commodities each base is registered for
    "SELECT MAX(id) FROM registry_productionbase_commodities",
]


def _stamp_sql() -> str:
    parts = list(_STAMP_PARTS)
    try:
        signal = apps.get_model("risk", "RiskSignal")
        parts.append(f"SELECT MAX(id) FROM {signal._meta.db_table}")
    except LookupError:
        pass
    return "SELECT " + ", ".join(f"({p})" for p in parts)


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
