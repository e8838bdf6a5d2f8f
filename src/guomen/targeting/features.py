"""Features of the learned risk score, and how one declaration's features are read from the database.

Every feature uses only what was known when the declaration was submitted: counts of earlier confirmed
results (OutcomeStat rows, kept up to date as results are confirmed), earlier foreign notifications, and
facts of the declaration itself. features_batch.py computes the very same features for history with
as-of joins; tests check that both agree and that no feature moves when a later result changes.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone

from .lookup import StatRow, outcome_stats

PRIOR_RATE = 0.03  # smoothing: a key with few results is pulled toward this rate
PRIOR_WEIGHT = 10.0
NOTICE_DAYS = 90
CREDIT_ORDER = {"AA": 0, "A": 1, "B": 2, "C": 3, "D": 4}
CLASS_ORDER = {"I": 1, "II": 2, "III": 3, "IV": 4}
TRANSPORTS = ("truck", "container", "air", "rail", "ship", "post", "other")

NUMERIC = [
    "trader_n",
    "trader_rate",
    "trader_days",
    "trader_nc_days",
    "base_n",
    "base_rate",
    "flow_n",
    "flow_rate",
    "port_n",
    "port_rate",
    "notices_90d",
    "month",
    "value_ratio",
    "weight_ratio",
    "credit",
    "klass",
    "lines",
    "export",
]
CATEGORICAL = ["transport", "origin", "group", "hs4"]
FEATURES = NUMERIC + CATEGORICAL
FEATURE_SET = "declaration-v1"


def smoothed(nc: float, n: float) -> float:
    return (nc + PRIOR_WEIGHT * PRIOR_RATE) / (n + PRIOR_WEIGHT)


def days_between(later: dt.datetime, earlier: dt.datetime | None) -> float:
    if earlier is None:
        return math.nan
    return (later - earlier).total_seconds() / 86400.0


@dataclass
class Facts:
    """What the engine knows about one declaration, read once (a handful of queries)."""

    declaration: object
    number: str
    at: dt.datetime
    today: dt.date
    direction: str
    origin_id: str
    port: object
    transport: str
    declarant: object
    consignee: object | None
    lines: list
    hs_codes: list[str]
    group_ids: set[str]
    bases: list
    snap: object = None  # snapshot.Snapshot read for this decision
    stats: dict[tuple[str, str], StatRow] = field(default_factory=dict)
    notices: int = 0

    @property
    def trader(self):
        return self.consignee or self.declarant

    @property
    def base_ids(self) -> set[int]:
        return {b.pk for b in self.bases}

    @property
    def main_line(self):
        return self.lines[0] if self.lines else None

    @property
    def main_group(self) -> str:
        line = self.main_line
        return (line.group_id or "") if line is not None else ""

    def stat(self, kind: str, key) -> StatRow | None:
        return self.stats.get((kind, str(key)))

    # unit value and weight against the commodity's usual band (OutcomeStat kind "hs")
    def _ratio(self, line, what: str) -> float:
        band = self.stat("hs", line.hs_id)
        weight = float(line.net_weight_kg or 0)
        if band is None or weight <= 0:
            return math.nan
        if what == "value":
            median, value = band.value_median, float(line.value or 0) / weight
        else:
            median, value = band.weight_median, weight
        if not median or value <= 0:
            return math.nan
        return math.log(value / median)

    def _outside(self, what: str) -> bool:
        for line in self.lines:
            band = self.stat("hs", line.hs_id)
            weight = float(line.net_weight_kg or 0)
            if band is None or weight <= 0:
                continue
            if what == "value":
                low, high, value = band.value_low, band.value_high, float(line.value or 0) / weight
            else:
                low, high, value = band.weight_low, band.weight_high, weight
            if low is not None and high is not None and not low <= value <= high:
                return True
        return False

    @property
    def unit_value_anomaly(self) -> bool:
        return self._outside("value")

    @property
    def weight_anomaly(self) -> bool:
        return self._outside("weight")


def stat_keys(facts: Facts) -> list[tuple[str, str]]:
    keys = [("trader", str(facts.trader.pk)), ("port", str(facts.port.pk))]
    keys += [("base", str(pk)) for pk in facts.base_ids]
    if facts.main_line is not None:
        keys.append(("flow", f"{facts.origin_id}:{facts.main_line.hs_id[:6]}"))
    keys += [("hs", code) for code in set(facts.hs_codes)]
    return keys


def load_stats(facts: Facts) -> None:
    """Read the OutcomeStat rows the features need (one statement) and the recent foreign notifications."""
    facts.stats = outcome_stats(stat_keys(facts))
    key = ("notices", facts.origin_id, facts.main_group, facts.today)
    facts.notices = facts.snap.remember(
        key, lambda: recent_notices(facts.origin_id, facts.main_group, facts.today)
    )


def recent_notices(origin_id: str, group_id: str, today: dt.date) -> int:
    """Foreign notifications about this origin × commodity group in the 90 days before (risk app)."""
    if not group_id:
        return 0
    try:
        signal = apps.get_model("risk", "RiskSignal")
    except LookupError:
        return 0
    since = today - dt.timedelta(days=NOTICE_DAYS)
    return signal.objects.filter(
        source="foreign_notification",
        origin_id=origin_id,
        commodity_group_id=group_id,
        occurred_on__gte=since,
        occurred_on__lt=today,
    ).count()


def _rate(stat: StatRow | None) -> tuple[float, float]:
    if stat is None:
        return 0.0, smoothed(0, 0)
    return float(stat.inspected), smoothed(stat.non_conforming, stat.inspected)


def feature_values(facts: Facts) -> dict:
    """The model's features for one declaration, by name (categoricals as their text codes)."""
    trader = facts.stat("trader", facts.trader.pk)
    trader_n, trader_rate = _rate(trader)
    base_n, base_rate = 0.0, math.nan
    for pk in facts.base_ids:
        n, rate = _rate(facts.stat("base", pk))
        if math.isnan(base_rate) or rate > base_rate:
            base_n, base_rate = n, rate
    line = facts.main_line
    flow_n, flow_rate = _rate(facts.stat("flow", f"{facts.origin_id}:{line.hs_id[:6]}") if line else None)
    port_n, port_rate = _rate(facts.stat("port", facts.port.pk))
    grade = getattr(facts.trader, "credit_grade", "")
    klass = getattr(facts.trader, "classification", "")
    return {
        "trader_n": trader_n,
        "trader_rate": trader_rate,
        "trader_days": days_between(facts.at, trader.last_at if trader else None),
        "trader_nc_days": days_between(facts.at, trader.last_nc_at if trader else None),
        "base_n": base_n,
        "base_rate": base_rate,
        "flow_n": flow_n,
        "flow_rate": flow_rate,
        "port_n": port_n,
        "port_rate": port_rate,
        "notices_90d": float(facts.notices),
        "month": float(timezone.localtime(facts.at).month),
        "value_ratio": facts._ratio(line, "value") if line else math.nan,
        "weight_ratio": facts._ratio(line, "weight") if line else math.nan,
        "credit": float(CREDIT_ORDER.get(grade, math.nan)),
        "klass": float(CLASS_ORDER.get(klass, math.nan)),
        "lines": float(len(facts.lines)),
        "export": 1.0 if facts.direction == "export" else 0.0,
        "transport": facts.transport,
        "origin": facts.origin_id,
        "group": facts.main_group,
        "hs4": line.hs_id[:4] if line else "",
    }
