"""The model's features for many declarations at once (Polars), exactly as features.py computes one.

For every declaration, counts use only results confirmed strictly before it was submitted (as-of joins
on the confirmation time), so replaying history never lets a feature see a later outcome.
"""

import math

import polars as pl
from django.apps import apps
from django.conf import settings
from django.db import connection

from .features import CLASS_ORDER, CREDIT_ORDER, NOTICE_DAYS, PRIOR_RATE, PRIOR_WEIGHT

DAY = 86400.0


def _epoch(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM {column})::float8"
    return f"CAST(strftime('%s', {column}) AS REAL) + (CAST(strftime('%f', {column}) AS REAL) - CAST(strftime('%S', {column}) AS REAL))"


def _frame(sql: str, schema: dict) -> pl.DataFrame:
    """Rows of a parameterless query (no parameters: "%s" in strftime must reach the database as it is)."""
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return pl.DataFrame(rows, schema=schema, orient="row")


def load_history() -> dict[str, pl.DataFrame]:
    """Every declaration with the facts the features need, and every confirmed result with its time."""
    decl = _frame(
        f"""SELECT d.id, d.number, {_epoch("d.submitted_at")}, d.port_id, d.declarant_id,
                   COALESCE(d.consignee_id, d.declarant_id), d.consignee_id, d.origin_country_id, d.transport,
                   d.direction,
                   d.outcome, d.channel
            FROM declarations_declaration d""",
        {
            "id": pl.Int64,
            "number": pl.Utf8,
            "t": pl.Float64,
            "port_id": pl.Int64,
            "declarant_id": pl.Int64,
            "trader_id": pl.Int64,
            "consignee_id": pl.Int64,
            "origin": pl.Utf8,
            "transport": pl.Utf8,
            "direction": pl.Utf8,
            "outcome": pl.Utf8,
            "channel": pl.Utf8,
        },
    )
    lines = _frame(
        """SELECT l.declaration_id, l.line_no, l.hs_id, CAST(l.net_weight_kg AS REAL), CAST(l.value AS REAL)
           FROM declarations_declarationline l""",
        {"id": pl.Int64, "line_no": pl.Int64, "hs": pl.Utf8, "weight": pl.Float64, "value": pl.Float64},
    )
    bases = _frame(
        """SELECT DISTINCT l.declaration_id, b.productionbase_id
           FROM declarations_declarationline_production_bases b
           JOIN declarations_declarationline l ON l.id = b.declarationline_id""",
        {"id": pl.Int64, "base_id": pl.Int64},
    )
    results = _frame(
        f"""SELECT t.declaration_id, MAX({_epoch("t.confirmed_at")})
            FROM inspections_inspectiontask t
            WHERE t.status = 'closed' AND t.confirmed_at IS NOT NULL
            GROUP BY t.declaration_id""",
        {"id": pl.Int64, "t_outcome": pl.Float64},
    )
    enterprises = _frame(
        "SELECT id, credit_grade, classification FROM registry_enterprise",
        {"trader_id": pl.Int64, "grade": pl.Utf8, "klass_code": pl.Utf8},
    )
    groups = _frame(
        "SELECT code, group_id FROM catalog_hscode WHERE group_id IS NOT NULL",
        {"hs": pl.Utf8, "group": pl.Utf8},
    )
    return {
        "declarations": decl,
        "lines": lines,
        "bases": bases,
        "results": results,
        "enterprises": enterprises,
        "groups": groups,
        "notices": _notices(),
    }


def _notices() -> pl.DataFrame:
    schema = {"origin": pl.Utf8, "group": pl.Utf8, "day": pl.Int64}
    try:
        model = apps.get_model("risk", "RiskSignal")
    except LookupError:
        return pl.DataFrame(schema=schema)
    rows = model.objects.filter(source="foreign_notification", commodity_group__isnull=False).values_list(
        "origin_id", "commodity_group_id", "occurred_on"
    )
    return pl.DataFrame([(o, g, d.toordinal()) for o, g, d in rows if o], schema=schema, orient="row")


def outcome_events(data: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """One row per confirmed result: the declaration, when the result was confirmed, non-conforming or not."""
    decl = data["declarations"].filter(pl.col("outcome").is_in(["conforming", "non_conforming"]))
    return decl.join(data["results"], on="id", how="inner").with_columns(
        nc=(pl.col("outcome") == "non_conforming").cast(pl.Int64)
    )


def _keys(data, frame: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """(id, key) pairs of each statistics kind for the declarations in `frame`."""
    main = data["lines"].filter(pl.col("line_no") == 1).select("id", "hs")
    ids = frame.select("id")
    return {
        "trader": frame.select("id", key=pl.col("trader_id").cast(pl.Utf8)),
        "port": frame.select("id", key=pl.col("port_id").cast(pl.Utf8)),
        "flow": frame.join(main, on="id").select(
            "id", key=pl.col("origin") + ":" + pl.col("hs").str.slice(0, 6)
        ),
        "base": data["bases"].join(ids, on="id").select("id", key=pl.col("base_id").cast(pl.Utf8)),
    }


def _asof(queries: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """For each (id, key, t): results of that key confirmed strictly before t (n, nc, last, last nc)."""
    ev = (
        events.sort("key", "t_outcome")
        .with_columns(
            n=pl.int_range(1, pl.len() + 1).over("key"),
            nc_cum=pl.col("nc").cum_sum().over("key"),
            last_nc=pl.when(pl.col("nc") == 1).then(pl.col("t_outcome")).forward_fill().over("key"),
        )
        .select("key", "t_outcome", "n", "nc_cum", "last_nc")
        .sort("t_outcome")
    )
    joined = queries.sort("t").join_asof(
        ev,
        left_on="t",
        right_on="t_outcome",
        by="key",
        strategy="backward",
        allow_exact_matches=False,
        check_sortedness=False,  # sorted above; Polars cannot check it per group
    )
    return joined.with_columns(
        n=pl.col("n").fill_null(0).cast(pl.Float64),
        nc_cum=pl.col("nc_cum").fill_null(0).cast(pl.Float64),
    )


def _rate(n: pl.Expr, nc: pl.Expr) -> pl.Expr:
    return (nc + PRIOR_WEIGHT * PRIOR_RATE) / (n + PRIOR_WEIGHT)


def bands(data: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Usual value per kg and line weight of each commodity (median; band = 1st–99th percentile ± 10%)."""
    lines = data["lines"].filter(pl.col("weight") > 0).with_columns(vpk=pl.col("value") / pl.col("weight"))
    return lines.group_by("hs").agg(
        value_median=pl.col("vpk").median(),
        value_low=pl.col("vpk").quantile(0.01) * 0.9,
        value_high=pl.col("vpk").quantile(0.99) * 1.1,
        weight_median=pl.col("weight").median(),
        weight_low=pl.col("weight").quantile(0.01) * 0.9,
        weight_high=pl.col("weight").quantile(0.99) * 1.1,
    )


def _notice_counts(data, frame: pl.DataFrame) -> pl.DataFrame:
    notices = data["notices"]
    out = frame.select("id", "origin", "group", "day")
    if notices.is_empty():
        return out.select("id", notices_90d=pl.lit(0.0))
    cum = (
        notices.group_by("origin", "group", "day")
        .len()
        .sort("origin", "group", "day")
        .with_columns(cum=pl.col("len").cum_sum().over("origin", "group"))
        .select("origin", "group", "day", "cum")
        .sort("day")
    )
    upto = out.with_columns(q=pl.col("day") - 1).sort("q")
    before = upto.join_asof(
        cum.rename({"day": "d1"}), left_on="q", right_on="d1", by=["origin", "group"], check_sortedness=False
    )
    start = upto.with_columns(q=pl.col("day") - 1 - NOTICE_DAYS).sort("q")
    older = start.join_asof(
        cum.rename({"day": "d2"}), left_on="q", right_on="d2", by=["origin", "group"], check_sortedness=False
    )
    return (
        before.select("id", a=pl.col("cum").fill_null(0))
        .join(older.select("id", b=pl.col("cum").fill_null(0)), on="id")
        .select("id", notices_90d=(pl.col("a") - pl.col("b")).cast(pl.Float64))
    )


def feature_frame(data: dict[str, pl.DataFrame], frame: pl.DataFrame | None = None) -> pl.DataFrame:
    """The feature table (one row per declaration of `frame`, default all) with id, t, label columns."""
    frame = data["declarations"] if frame is None else frame
    tz = settings.TIME_ZONE
    events = outcome_events(data)
    keys = _keys(data, frame)
    times = frame.select("id", "t")
    parts = {}
    for kind, pairs in keys.items():
        q = pairs.join(times, on="id")
        ev = events.join(_keys(data, events)[kind], on="id").select("key", "t_outcome", "nc")
        parts[kind] = _asof(q, ev).with_columns(rate=_rate(pl.col("n"), pl.col("nc_cum")))
    main = data["lines"].filter(pl.col("line_no") == 1).join(data["groups"], on="hs", how="left")
    n_lines = data["lines"].group_by("id").agg(lines=pl.len().cast(pl.Float64))
    band = bands(data)
    local = pl.from_epoch((pl.col("t") * 1_000_000).cast(pl.Int64), time_unit="us").dt.replace_time_zone(
        "UTC"
    )
    out = (
        frame.join(main.select("id", "hs", "weight", "value", "group"), on="id", how="left")
        .join(n_lines, on="id", how="left")
        .join(data["enterprises"], on="trader_id", how="left")
        .join(band, on="hs", how="left")
        .with_columns(local=local.dt.convert_time_zone(tz))
        .with_columns(month=pl.col("local").dt.month().cast(pl.Float64), day=pl.col("local").dt.date())
    )
    out = out.with_columns(day=pl.col("day").cast(pl.Int64) + 719163)  # days since 1970 → date.toordinal()
    trader = parts["trader"].select(
        "id",
        trader_n=pl.col("n"),
        trader_rate=pl.col("rate"),
        trader_days=(pl.col("t") - pl.col("t_outcome")) / DAY,
        trader_nc_days=(pl.col("t") - pl.col("last_nc")) / DAY,
    )
    base = (
        parts["base"]
        .sort("rate", descending=True)
        .group_by("id", maintain_order=True)
        .agg(base_n=pl.col("n").first(), base_rate=pl.col("rate").first())
    )
    flow = parts["flow"].select("id", flow_n=pl.col("n"), flow_rate=pl.col("rate"))
    port = parts["port"].select("id", port_n=pl.col("n"), port_rate=pl.col("rate"))
    vpk = pl.col("value") / pl.col("weight")
    out = (
        out.join(trader, on="id", how="left")
        .join(base, on="id", how="left")
        .join(flow, on="id", how="left")
        .join(port, on="id", how="left")
        .join(_notice_counts(data, out.with_columns(pl.col("group").fill_null(""))), on="id", how="left")
        .with_columns(
            flow_n=pl.col("flow_n").fill_null(0.0),
            flow_rate=pl.col("flow_rate").fill_null(_rate(pl.lit(0.0), pl.lit(0.0))),
            base_n=pl.col("base_n").fill_null(0.0),
            value_ratio=pl.when((pl.col("weight") > 0) & (vpk > 0)).then(
                (vpk / pl.col("value_median")).log()
            ),
            weight_ratio=pl.when(pl.col("weight") > 0).then(
                (pl.col("weight") / pl.col("weight_median")).log()
            ),
            credit=pl.col("grade").replace_strict(CREDIT_ORDER, default=None, return_dtype=pl.Float64),
            klass=pl.col("klass_code").replace_strict(CLASS_ORDER, default=None, return_dtype=pl.Float64),
            export=(pl.col("direction") == "export").cast(pl.Float64),
            hs4=pl.col("hs").str.slice(0, 4),
            group=pl.col("group").fill_null(""),
            notices_90d=pl.col("notices_90d").fill_null(0.0),
            label=(pl.col("outcome") == "non_conforming").cast(pl.Int64),
        )
    )
    return out


def nan_to_null(value):
    return None if isinstance(value, float) and math.isnan(value) else value
