"""Statistics tables for a StatsFilter: aggregate queries only (one GROUP BY per table, never a loop over rows)."""

from django.db.models import Case, CharField, Count, Q, Sum, Value, When
from django.utils.translation import gettext as _

from guomen.declarations.choices import Direction
from guomen.inspections.choices import Disposition
from guomen.inspections.models import Finding
from guomen.targeting.choices import Channel

from . import scope
from .figures import Rate
from .tables import INT, NUMBER, RATE, Column, Table, localized

NC, DONE = scope.NC, scope.DONE


def _inspection_columns(first: Column) -> list[Column]:
    return [
        first,
        Column("tasks", _("inspection tasks"), INT),
        Column("inspected", _("inspected"), INT),
        Column("non_conforming", _("non-conforming"), INT),
        Column("detection", _("detection rate"), RATE),
        Column("pass", _("pass rate"), RATE),
    ]


def _inspection_row(label, row) -> list:
    done, bad = row["inspected"], row["non_conforming"]
    return [label, row["tasks"], done, bad, Rate(bad, done), Rate(done - bad, done)]


INSPECTION_AGGREGATES = {
    "tasks": Count("pk"),
    "inspected": Count("pk", filter=DONE),
    "non_conforming": Count("pk", filter=NC),
}


def declarations_by_direction(f) -> Table:
    rows = (
        scope.declarations(f)
        .values("direction")
        .annotate(n=Count("pk"), value=Sum("total_value"), weight=Sum("total_weight_kg"))
        .order_by("direction")
    )
    labels = dict(Direction.choices)
    table = Table(
        "declarations",
        _("Declarations by direction"),
        [
            Column("direction", _("direction")),
            Column("declarations", _("declarations"), INT),
            Column("value", _("value (thousand)"), NUMBER),
            Column("weight", _("net weight (t)"), NUMBER),
        ],
    )
    for r in rows:
        table.rows.append(
            [
                str(labels.get(r["direction"], r["direction"])),
                r["n"],
                float(r["value"] or 0) / 1000,
                float(r["weight"] or 0) / 1000,
            ]
        )
        table.drill.append({"direction": r["direction"]})
    return table


def inspections_by_channel(f) -> Table:
    rows = scope.tasks(f).values("channel").annotate(**INSPECTION_AGGREGATES).order_by("channel")
    labels = dict(Channel.choices)
    table = Table(
        "channels", _("Inspections by channel"), _inspection_columns(Column("channel", _("channel")))
    )
    for r in rows:
        table.rows.append(_inspection_row(str(labels.get(r["channel"], r["channel"])), r))
    return table


def inspections_by_origin(f, limit: int = 30) -> Table:
    rows = (
        scope.tasks(f)
        .values(
            "declaration__origin_country_id",
            "declaration__origin_country__name_zh",
            "declaration__origin_country__name_en",
        )
        .annotate(**INSPECTION_AGGREGATES)
        .order_by("-non_conforming", "-inspected")[:limit]
    )
    table = Table(
        "origins",
        _("Non-conformities and pass rates by origin"),
        _inspection_columns(Column("origin", _("origin"))),
    )
    for r in rows:
        name = localized(r["declaration__origin_country__name_zh"], r["declaration__origin_country__name_en"])
        table.rows.append(_inspection_row(name, r))
        table.drill.append({"origin": r["declaration__origin_country_id"]})
    return table


def _main_line(qs, prefix: str = "declaration__"):
    """Attribute a consignment to the commodity of its first line (one row per consignment)."""
    return qs.filter(**{f"{prefix}lines__line_no": 1})


def inspections_by_group(f) -> Table:
    g = "declaration__lines__hs__group"
    rows = (
        _main_line(scope.tasks(f))
        .values(f"{g}_id", f"{g}__name_zh", f"{g}__name_en")
        .annotate(**INSPECTION_AGGREGATES)
        .order_by("-non_conforming", "-inspected")
    )
    table = Table(
        "groups",
        _("Non-conformities and pass rates by commodity group"),
        _inspection_columns(Column("group", _("commodity group"))),
        note=_("A consignment counts under the commodity of its first line."),
    )
    for r in rows:
        table.rows.append(_inspection_row(localized(r[f"{g}__name_zh"], r[f"{g}__name_en"]) or _("other"), r))
        table.drill.append({"group": r[f"{g}_id"]} if r[f"{g}_id"] else {})
    return table


def inspections_by_port(f) -> Table:
    rows = (
        scope.tasks(f)
        .values("port__code", "port__name")
        .annotate(**INSPECTION_AGGREGATES)
        .order_by("port__code")
    )
    table = Table("ports", _("Inspections by port"), _inspection_columns(Column("port", _("port"))))
    for r in rows:
        table.rows.append(_inspection_row(r["port__name"], r))
        table.drill.append({"port": r["port__code"]})
    return table


def findings_by_hazard(f, limit: int = 20) -> Table:
    rows = (
        Finding.objects.filter(task__in=scope.tasks(f).values("pk"))
        .values("hazard__code", "hazard__name_zh", "hazard__name_en", "hazard__kind")
        .annotate(findings=Count("pk"), consignments=Count("task", distinct=True), organisms=Sum("count"))
        .order_by("-consignments", "-findings")[:limit]
    )
    from guomen.catalog.choices import HazardKind

    kinds = dict(HazardKind.choices)
    table = Table(
        "hazards",
        _("Findings by hazard and pest"),
        [
            Column("hazard", _("hazard")),
            Column("kind", _("kind")),
            Column("consignments", _("consignments"), INT),
            Column("findings", _("findings"), INT),
            Column("organisms", _("organisms counted"), INT),
        ],
    )
    for r in rows:
        name = localized(r["hazard__name_zh"], r["hazard__name_en"]) or _("(no hazard named)")
        kind = str(kinds.get(r["hazard__kind"], "")) if r["hazard__kind"] else ""
        table.rows.append([name, kind, r["consignments"], r["findings"], r["organisms"]])
    return table


def top_hazard_by_origin(f) -> dict[str, str]:
    """The hazard found in most consignments of each origin (origin name → hazard name), one GROUP BY."""
    rows = (
        Finding.objects.filter(task__in=scope.tasks(f).values("pk"), hazard__isnull=False)
        .values(
            "task__declaration__origin_country__name_zh",
            "task__declaration__origin_country__name_en",
            "hazard__name_zh",
            "hazard__name_en",
        )
        .annotate(n=Count("task", distinct=True))
        .order_by("-n", "hazard__name_zh")
    )
    top: dict[str, str] = {}
    for r in rows:
        origin = localized(
            r["task__declaration__origin_country__name_zh"], r["task__declaration__origin_country__name_en"]
        )
        top.setdefault(origin, localized(r["hazard__name_zh"], r["hazard__name_en"]))
    return top


def dispositions(f) -> Table:
    rows = (
        scope.tasks(f)
        .exclude(disposition="")
        .values("disposition")
        .annotate(n=Count("pk"), non_conforming=Count("pk", filter=NC))
        .order_by("-n")
    )
    labels = dict(Disposition.choices)
    table = Table(
        "dispositions",
        _("Dispositions"),
        [
            Column("disposition", _("disposition")),
            Column("consignments", _("consignments"), INT),
            Column("non_conforming", _("of which non-conforming"), INT),
        ],
    )
    for r in rows:
        table.rows.append([str(labels.get(r["disposition"], r["disposition"])), r["n"], r["non_conforming"]])
    return table


def targeting_hit_rate(f) -> Table:
    """Non-conformity found by consignments the rules or the model targeted, against those drawn at random."""
    group = Case(
        When(declaration__decision__decided_by__icontains="random", then=Value("random")),
        When(declaration__decision__reasons__icontains="random", then=Value("random")),
        default=Value("targeted"),
        output_field=CharField(),
    )
    rows = (
        scope.tasks(f)
        .annotate(group=group)
        .values("group")
        .annotate(**INSPECTION_AGGREGATES)
        .order_by("group")
    )
    labels = {"targeted": _("targeted (rules / model)"), "random": _("random sample")}
    table = Table(
        "targeting",
        _("Targeting hit rate"),
        _inspection_columns(Column("group", _("group"))),
        note=_(
            "Hit rate is the detection rate of each group: targeting works when it beats the random group."
        ),
    )
    for r in rows:
        table.rows.append(_inspection_row(str(labels[r["group"]]), r))
    return table


def totals(f) -> dict:
    """Headline counts for the period: from the daily rollup up to its watermark, live after it."""
    from . import rollup

    (rolled,), (live,) = rollup.split(f, [(f.period.start, f.period.end)])
    out = dict.fromkeys(("declarations", "imports", "exports", "tasks", "inspected", "non_conforming"), 0)
    parts = []
    if rolled[0] < rolled[1]:
        parts.append(
            {
                key.removeprefix("sum_"): value
                for key, value in rollup.days(f)
                .filter(day__gte=rolled[0], day__lt=rolled[1])
                .aggregate(
                    sum_declarations=Sum("declarations"),
                    sum_imports=Sum("declarations", filter=Q(direction=Direction.IMPORT)),
                    sum_exports=Sum("declarations", filter=Q(direction=Direction.EXPORT)),
                    sum_tasks=Sum("tasks"),
                    sum_inspected=Sum("inspected"),
                    sum_non_conforming=Sum("non_conforming"),
                )
                .items()
            }
        )
    if live[0] < live[1]:
        parts.append(
            scope.declarations(f, dated=False)
            .filter(arrival_date__gte=live[0], arrival_date__lt=live[1])
            .aggregate(
                declarations=Count("pk"),
                imports=Count("pk", filter=Q(direction=Direction.IMPORT)),
                exports=Count("pk", filter=Q(direction=Direction.EXPORT)),
            )
        )
        parts.append(
            scope.tasks(f, dated=False)
            .filter(due_date__gte=live[0], due_date__lt=live[1])
            .aggregate(**INSPECTION_AGGREGATES)
        )
    for part in parts:
        for key, value in part.items():
            out[key] += value or 0
    return {**out, "detection": Rate(out["non_conforming"], out["inspected"])}


TABLES = {
    "declarations": declarations_by_direction,
    "channels": inspections_by_channel,
    "origins": inspections_by_origin,
    "groups": inspections_by_group,
    "ports": inspections_by_port,
    "hazards": findings_by_hazard,
    "dispositions": dispositions,
    "targeting": targeting_hit_rate,
}


def table_names() -> list[str]:
    from .sources import SOURCE_TABLES

    return [*TABLES, *SOURCE_TABLES]


def statistics_table(name: str, f) -> Table | None:
    """One named table, or None when its source app is not installed."""
    from .sources import SOURCE_TABLES

    if name in TABLES:
        return TABLES[name](f)
    return SOURCE_TABLES[name](f)


def all_tables(f) -> list[Table]:
    return [t for t in (statistics_table(name, f) for name in table_names()) if t is not None]
