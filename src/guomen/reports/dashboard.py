"""The supervisors' dashboard: each chart is an ECharts option built from a Table (its table view and download)."""

from dataclasses import dataclass, replace

from django.db.models import Count
from django.utils.translation import gettext as _

from . import rollup, scope, stats
from .figures import Rate
from .periods import Period
from .tables import INT, RATE, Column, Table, localized

TREND_MONTHS = 12


@dataclass
class Chart:
    key: str
    title: str
    option: dict
    table: Table

    @property
    def dom_id(self) -> str:
        return f"opt-{self.key}"


def trend_table(f, months: int = TREND_MONTHS) -> Table:
    """Inspected and non-conforming consignments per month over the last `months` months (one GROUP BY)."""
    periods = f.period.trailing(months)
    start, end = periods[0].start, f.period.end
    live_from = start
    rows: list[dict] = []
    through = rollup.rolled_through()
    if through is not None and rollup.rollup_usable(f):
        live_from = min(max(through, start), end)
        rows += rollup.daily_counts(f, start, live_from)
    if live_from < end:
        # Grouped by day (the indexed column itself, no date function per row), then folded into months.
        qs = scope.tasks(replace(f, period=periods[0]), dated=False).filter(
            due_date__gte=live_from, due_date__lt=end
        )
        rows += (
            qs.values("due_date")
            .annotate(inspected=Count("pk", filter=stats.DONE), non_conforming=Count("pk", filter=stats.NC))
            .order_by()
        )
    by_month: dict[Period, dict] = {}
    for r in rows:
        month = by_month.setdefault(Period.of(r["due_date"]), {"inspected": 0, "non_conforming": 0})
        month["inspected"] += r["inspected"]
        month["non_conforming"] += r["non_conforming"]
    table = Table(
        "trend",
        _("Monthly trend"),
        [
            Column("month", _("month")),
            Column("inspected", _("inspected"), INT),
            Column("non_conforming", _("non-conforming"), INT),
            Column("detection", _("detection rate"), RATE),
        ],
    )
    for p in periods:
        r = by_month.get(p, {"inspected": 0, "non_conforming": 0})
        table.rows.append(
            [p.key, r["inspected"], r["non_conforming"], Rate(r["non_conforming"], r["inspected"])]
        )
        table.drill.append({"period": p.key})
    return table


def heatmap_table(f, origins: int = 12, groups: int = 10) -> Table:
    """Non-conforming consignments by origin × commodity group (of the first line) in the period."""
    g = "declaration__lines__hs__group"
    rows = list(
        stats._main_line(scope.tasks(f))
        .values(
            "declaration__origin_country__name_zh",
            "declaration__origin_country__name_en",
            f"{g}__name_zh",
            f"{g}__name_en",
        )
        .annotate(inspected=Count("pk", filter=stats.DONE), non_conforming=Count("pk", filter=stats.NC))
        .order_by()
    )
    table = Table(
        "heatmap",
        _("Non-conformities by origin and commodity group"),
        [
            Column("origin", _("origin")),
            Column("group", _("commodity group")),
            Column("inspected", _("inspected"), INT),
            Column("non_conforming", _("non-conforming"), INT),
            Column("detection", _("detection rate"), RATE),
        ],
    )
    totals_o: dict[str, int] = {}
    totals_g: dict[str, int] = {}
    for r in rows:
        o = localized(r["declaration__origin_country__name_zh"], r["declaration__origin_country__name_en"])
        grp = localized(r[f"{g}__name_zh"], r[f"{g}__name_en"]) or _("other")
        r["o"], r["g"] = o, grp
        totals_o[o] = totals_o.get(o, 0) + r["inspected"]
        totals_g[grp] = totals_g.get(grp, 0) + r["inspected"]
    keep_o = set(sorted(totals_o, key=totals_o.get, reverse=True)[:origins])
    keep_g = set(sorted(totals_g, key=totals_g.get, reverse=True)[:groups])
    for r in sorted(rows, key=lambda r: (-r["non_conforming"], -r["inspected"])):
        if r["o"] in keep_o and r["g"] in keep_g:
            table.rows.append(
                [
                    r["o"],
                    r["g"],
                    r["inspected"],
                    r["non_conforming"],
                    Rate(r["non_conforming"], r["inspected"]),
                ]
            )
    return table


def _bar(table: Table, label_key: str, value_key: str, name: str, horizontal: bool = False) -> dict:
    labels = [str(v) for v in table.column(label_key)]
    values = table.column(value_key)
    category = {
        "type": "category",
        "data": labels,
        "axisLabel": {"interval": 0, "rotate": 0 if horizontal else 30},
    }
    value = {"type": "value"}
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 8, "right": 16, "bottom": 8, "top": 30, "containLabel": True},
        "xAxis": value if horizontal else category,
        "yAxis": {**category, "inverse": True} if horizontal else value,
        "series": [{"name": name, "type": "bar", "data": values}],
    }


def trend_option(table: Table) -> dict:
    rates = [None if r.percent is None else round(r.percent, 2) for r in table.column("detection")]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 8, "right": 8, "bottom": 8, "top": 36, "containLabel": True},
        "xAxis": {"type": "category", "data": table.column("month")},
        "yAxis": [{"type": "value", "name": _("consignments")}, {"type": "value", "name": "%"}],
        "series": [
            {"name": _("inspected"), "type": "bar", "data": table.column("inspected")},
            {"name": _("non-conforming"), "type": "bar", "data": table.column("non_conforming")},
            {"name": _("detection rate"), "type": "line", "yAxisIndex": 1, "data": rates},
        ],
    }


def heatmap_option(table: Table) -> dict:
    origins = list(dict.fromkeys(table.column("origin")))
    groups = list(dict.fromkeys(table.column("group")))
    data = [[groups.index(r[1]), origins.index(r[0]), r[3]] for r in table.rows]
    top = max((d[2] for d in data), default=0)
    return {
        "tooltip": {"position": "top"},
        "grid": {"left": 8, "right": 8, "bottom": 60, "top": 10, "containLabel": True},
        "xAxis": {"type": "category", "data": groups, "axisLabel": {"interval": 0, "rotate": 30}},
        "yAxis": {"type": "category", "data": origins},
        "visualMap": {
            "min": 0,
            "max": max(top, 1),
            "calculable": True,
            "orient": "horizontal",
            "left": "center",
            "bottom": 0,
        },
        "series": [{"name": _("non-conforming"), "type": "heatmap", "data": data, "label": {"show": True}}],
    }


def charts(f) -> list[Chart]:
    trend = trend_table(f)
    hazards = stats.findings_by_hazard(f, limit=10)
    heat = heatmap_table(f)
    ports = stats.inspections_by_port(f)
    return [
        Chart("trend", trend.title, trend_option(trend), trend),
        Chart(
            "hazards",
            _("Top hazards"),
            _bar(hazards, "hazard", "consignments", _("consignments"), True),
            hazards,
        ),
        Chart("heatmap", heat.title, heatmap_option(heat), heat),
        Chart("ports", _("By port"), _bar(ports, "port", "non_conforming", _("non-conforming")), ports),
    ]
