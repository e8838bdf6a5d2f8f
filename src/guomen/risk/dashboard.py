"""Figures for the monitoring dashboard; every figure comes from the scoped selectors (jurisdiction filter)."""

import datetime as dt

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from .choices import SignalSource, WarningStatus
from .selectors import cluster_list, measure_list, signal_list, warning_list

TOP = 10


def _named(rows, key: str, label: str, fallback: str) -> list[dict]:
    return [{"key": r[key] or "", "label": r[label] or fallback, "n": r["n"]} for r in rows]


def dashboard_data(*, user, date_from: dt.date, date_to: dt.date, org: str = "", today=None) -> dict:
    today = today or timezone.localdate()
    signals = signal_list(user=user, date_from=date_from, date_to=date_to, org=org)
    trunc = TruncWeek if (date_to - date_from).days <= 120 else TruncMonth
    over_time = [
        {"label": f"{r['period']:%Y-%m-%d}", "n": r["n"]}
        for r in signals.order_by()
        .annotate(period=trunc("occurred_on"))
        .values("period")
        .annotate(n=Count("id"))
        .order_by("period")
    ]
    by_hazard = _named(
        signals.order_by()
        .exclude(hazard=None)
        .values("hazard_id", "hazard__name_zh")
        .annotate(n=Count("id"))
        .order_by("-n")[:TOP],
        "hazard_id",
        "hazard__name_zh",
        "—",
    )
    by_origin = _named(
        signals.order_by()
        .exclude(origin=None)
        .values("origin_id", "origin__name_zh")
        .annotate(n=Count("id"))
        .order_by("-n")[:TOP],
        "origin_id",
        "origin__name_zh",
        "—",
    )
    by_group = _named(
        signals.order_by()
        .exclude(commodity_group=None)
        .values("commodity_group_id", "commodity_group__name_zh")
        .annotate(n=Count("id"))
        .order_by("-n")[:TOP],
        "commodity_group_id",
        "commodity_group__name_zh",
        "—",
    )
    by_source = [
        {"key": r["source"], "label": str(SignalSource(r["source"]).label), "n": r["n"]}
        for r in signals.order_by().values("source").annotate(n=Count("id")).order_by("-n")
    ]
    clusters = cluster_list(user=user, status="open", today=today)
    if org:
        clusters = clusters.filter(org__path__contains=f"/{org}/")
    warnings = warning_list(user=user)
    if org:
        warnings = warnings.filter(org__path__contains=f"/{org}/")
    state_counts = dict(warnings.order_by().values_list("status").annotate(n=Count("id")))
    by_state = [
        {"key": s.value, "label": str(s.label), "n": state_counts.get(s.value, 0)} for s in WarningStatus
    ]
    due = measure_list(user=user, open_only=True, due_before=today + dt.timedelta(days=14))
    return {
        "total": signals.count(),
        "over_time": over_time,
        "by_hazard": by_hazard,
        "by_origin": by_origin,
        "by_group": by_group,
        "by_source": by_source,
        "open_clusters": list(clusters[:TOP]),
        "open_cluster_count": clusters.count(),
        "warnings_by_state": by_state,
        "measures_due": list(due[:20]),
        "overdue": due.filter(deadline__lt=today).count(),
    }
