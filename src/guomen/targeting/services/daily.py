"""The scheduled daily run (`guomen risk daily`, or the daily task from a scheduler)."""

import datetime as dt

from django.db.models import Avg, Sum
from django.utils import timezone

from ..levels import levels_recompute
from ..models import PortCapacity, PortDayLoad
from ..stats import stats_rebuild
from .measures import measures_expire

WINDOW_DAYS = 28


def capacities_refresh(*, today: dt.date | None = None) -> int:
    """Expected daily volume and the share rules and measures already take, per port (last 28 days)."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=WINDOW_DAYS)
    count = 0
    for cap in PortCapacity.objects.all():
        loads = PortDayLoad.objects.filter(port_id=cap.port_id, day__gte=since, day__lt=today)
        totals = loads.aggregate(
            decided_sum=Sum("decided"), mandatory_sum=Sum("mandatory"), daily_mean=Avg("decided")
        )
        if totals["decided_sum"]:
            cap.expected_daily = int(round(totals["daily_mean"] or 0))
            cap.mandatory_share = (totals["mandatory_sum"] or 0) / totals["decided_sum"]
            cap.save(update_fields=["expected_daily", "mandatory_share", "updated_at"])
            count += 1
    return count


def daily_run(*, today: dt.date | None = None, rebuild_stats: bool = True) -> dict:
    today = today or timezone.localdate()
    result = {"measures_lifted": measures_expire(today=today)}
    if rebuild_stats:
        result["statistics"] = stats_rebuild()
    result.update(levels_recompute(today=today))
    result["ports"] = capacities_refresh(today=today)
    return result
