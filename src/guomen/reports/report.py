"""The monthly quality-analysis report (质量分析报告): figures, tables, charts and narrative, as PDF or XLSX."""

from collections.abc import Callable
from dataclasses import replace

from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from guomen.core.pdf import render_pdf

from . import dashboard, kpis, narrative, sources, stats, svg
from .exports import tables_xlsx
from .tables import Table

REPORT_LANGUAGE = "zh-hans"
REPORT_TABLES = ("channels", "groups", "origins", "hazards", "dispositions", "targeting", "ports")


def _noop(progress: int, line: str = "") -> None:
    return None


def build(f, *, progress: Callable = _noop) -> dict:
    """Everything the report shows, computed from the records in the filter's jurisdiction."""
    progress(5, _("Counting declarations and inspections"))
    totals = stats.totals(f)
    board = kpis.kpi_board(f)
    by_key = {k.key: k for k in board}
    progress(25, _("Building the statistics tables"))
    tables = {name: stats.statistics_table(name, f) for name in REPORT_TABLES if name != "origins"}
    all_origins = stats.inspections_by_origin(f, limit=200)  # every origin, for the month-on-month comparison
    tables["origins"] = replace(all_origins, rows=all_origins.rows[:30], drill=all_origins.drill[:30])
    extra = [t for t in (build_source(f) for build_source in sources.SOURCE_TABLES.values()) if t is not None]
    progress(50, _("Comparing with the previous month"))
    before = f.with_period(f.period.previous())
    groups_before = stats.inspections_by_group(before)
    origins_before = stats.inspections_by_origin(before, limit=200)
    trend = dashboard.trend_table(f)
    progress(70, _("Writing the analysis"))
    overall = by_key["detection"].current
    watched = narrative.origins_to_watch(tables["origins"], overall)
    org_name = f.unit.name if f.unit else _("All units")
    story = narrative.Narrative(
        overview=narrative.overview(org_name, f.period.label, totals, by_key["detection"]),
        changes=narrative.changes(tables["groups"], groups_before, _("commodity group"))
        + narrative.changes(all_origins, origins_before, _("origin")),
        hazards=narrative.main_hazards(tables["hazards"]),
        watch=narrative.watch_sentences(watched, overall),
        measures=narrative.measures(by_key, watched, stats.top_hazard_by_origin(f)),
    )
    progress(80, _("Drawing the charts"))
    rates = [None if r.percent is None else r.percent for r in trend.column("detection")]
    charts = {
        "trend": mark_safe(
            svg.trend_chart(
                trend.column("month"),
                trend.column("inspected"),
                rates,
                bar_label=_("inspected"),
                rate_label=_("detection rate"),
            )
        ),
        "hazards": mark_safe(
            svg.hbar_chart(
                [str(x) for x in tables["hazards"].column("hazard")[:10]],
                tables["hazards"].column("consignments")[:10],
            )
        ),
    }
    missing = [
        str(title) for key, title in sources.SOURCE_TITLES.items() if key not in {t.key for t in extra}
    ]
    return {
        "org_name": org_name,
        "period": f.period,
        "generated_at": timezone.localtime(),
        "totals": totals,
        "kpis": board,
        "quality_kpis": [k for k in board if k.definition.group == "quality"],
        "supervision_kpis": [k for k in board if k.definition.group == "supervision"],
        "tables": [tables[name] for name in REPORT_TABLES] + [trend] + extra,
        "narrative": story,
        "charts": charts,
        "missing_sources": missing,
    }


def kpi_table(board) -> Table:
    from .tables import INT, RATE, TEXT, Column

    table = Table(
        "kpis",
        _("KPIs"),
        [
            Column("name", _("indicator"), TEXT),
            Column("numerator", _("numerator"), INT),
            Column("denominator", _("denominator"), INT),
            Column("rate", _("rate"), RATE),
            Column("mom", _("month on month (points)"), TEXT),
            Column("yoy", _("year on year (points)"), TEXT),
            Column("definition", _("definition"), TEXT),
            Column("numerator_label", _("numerator counts"), TEXT),
            Column("denominator_label", _("denominator counts"), TEXT),
            Column("breakdown", _("of which"), TEXT),
            Column("seed", _("seed wording"), TEXT),
            Column("group", _("group"), TEXT),
        ],
    )
    for k in board:
        d = k.definition
        labels = [
            str(d.numerator),
            str(d.denominator),
            ", ".join(f"{label} {rate.numerator} ({rate.display})" for label, rate in k.breakdown),
            str(d.seed),
            str(k.group_label),
        ]
        name = str(d.name)
        if k.current is None:
            table.rows.append([name, None, None, None, _("not connected"), "", str(d.text), *labels])
            continue
        table.rows.append(
            [
                name,
                k.current.numerator,
                k.current.denominator,
                k.current,
                k.mom.display,
                k.yoy.display,
                str(d.text),
                *labels,
            ]
        )
    return table


def render(context: dict, fmt: str) -> bytes:
    with translation.override(REPORT_LANGUAGE):
        if fmt == "pdf":
            return render_pdf("reports/pdf/quality_report.html", context)
        story = context["narrative"]
        front = [
            (
                _("Analysis"),
                [
                    [_("Quality-analysis report"), f"{context['org_name']} {context['period'].label}"],
                    [_("Overview"), story.overview],
                    *[[_("What rose and fell"), s] for s in story.changes],
                    [_("Main hazards"), story.hazards],
                    *[[_("Origins to watch"), s] for s in story.watch],
                    *[[_("Recommended measures"), s] for s in story.measures],
                ],
            ),
        ]
        return tables_xlsx([kpi_table(context["kpis"]), *context["tables"]], front=front)


def quality_report(f, fmt: str, *, progress: Callable = _noop) -> bytes:
    """The report as bytes (PDF or XLSX), in Chinese."""
    with translation.override(REPORT_LANGUAGE):
        context = build(f, progress=progress)
        progress(90, _("Rendering the %(format)s file") % {"format": fmt.upper()})
        return render(context, fmt)
