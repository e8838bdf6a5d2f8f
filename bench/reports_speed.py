"""Speed of the report pages and files (prints figures, asserts nothing).

uv run python bench/reports_speed.py pg        # KPI page, KPI figures vs DuckDB, monthly PDF on the 5M database
uv run python bench/reports_speed.py sqlite    # dashboard on the large demo data (var/bench/large.sqlite3)

`pg` needs the database written by bench/reports_data.py (postgres://postgres@127.0.0.1:5432/guomen_bench5m).
Each mode runs Django against its database in this process; timings are medians of warm runs after one cold run.
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:5432/guomen_bench5m"
SQLITE_URL = f"sqlite:///{ROOT / 'var' / 'bench' / 'large.sqlite3'}"
RUNS = 5


def setup(url: str) -> None:
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from guomen.core.warmup import warm_up  # what each server worker does at start (guomen/wsgi.py)

    started = time.perf_counter()
    warm_up()
    print(f"server warm-up (URL configuration, catalogues, templates): {time.perf_counter() - started:.2f} s")


def timed(fn, runs: int = RUNS) -> tuple[float, float, object]:
    """(cold seconds, median warm seconds, last result)."""
    started = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - started
    warm = []
    for _i in range(runs):
        started = time.perf_counter()
        result = fn()
        warm.append(time.perf_counter() - started)
    return cold, statistics.median(warm), result


def page(username: str, url: str):
    from django.test import Client

    from guomen.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        return response

    return get


def report_line(label: str, cold: float, warm: float) -> None:
    print(f"| {label} | {cold * 1000:,.0f} ms | {warm * 1000:,.0f} ms |")


DUCK_TABLES = {
    "org": "SELECT id, path FROM accounts_orgunit",
    "task": "SELECT port_id, due_date, status, outcome FROM inspections_inspectiontask",
    "decl": "SELECT port_id, arrival_date, status, direction FROM declarations_declaration",
    "signal": "SELECT org_id, occurred_on, source, origin_id FROM risk_risksignal",
    "firm": "SELECT e.org_id, e.filing_status, e.filed_on, e.created_at, e.qms_certified, e.classification, "
    "e.credit_grade, s.computed_at AS credit_at FROM registry_enterprise e "
    "LEFT JOIN supervision_enterprisestanding s ON s.enterprise_id = e.id",
}


def duckdb_copy(url: str):
    """The same tables in an in-memory DuckDB (through CSV files written by PostgreSQL's COPY)."""
    import duckdb
    import psycopg

    duck = duckdb.connect()
    with tempfile.TemporaryDirectory() as tmp, psycopg.connect(url) as conn:
        for name, sql in DUCK_TABLES.items():
            path = Path(tmp) / f"{name}.csv"
            with (
                path.open("wb") as out,
                conn.cursor().copy(f"COPY ({sql}) TO STDOUT WITH CSV HEADER") as copy,
            ):
                for chunk in copy:
                    out.write(chunk)
            duck.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv_auto('{path}')")
    return duck


def duckdb_figures(duck, path: str, periods) -> dict:
    """The KPI fractions of the three periods, as kpis.kpi_board computes them (credit: an evaluation by then)."""

    def spans(col):
        return [f"{col} >= DATE '{p.start}' AND {col} < DATE '{p.end}'" for p in periods]

    t = spans("t.due_date")
    tasks = duck.execute(
        "SELECT " + ", ".join(
            f"count(*) FILTER (WHERE {s} AND outcome = 'non_conforming'), "
            f"count(*) FILTER (WHERE {s} AND outcome IN ('conforming', 'non_conforming'))" for s in t
        ) + f" FROM task t JOIN org o ON o.id = t.port_id WHERE o.path LIKE '{path}%' AND t.status <> 'cancelled' "
        f"AND ({' OR '.join(t)})"
    ).fetchone()  # fmt: skip
    d = spans("d.arrival_date")
    exports = duck.execute(
        "SELECT " + ", ".join(f"count(*) FILTER (WHERE {s})" for s in d)
        + f" FROM decl d JOIN org o ON o.id = d.port_id WHERE o.path LIKE '{path}%' AND d.status <> 'cancelled' "
        f"AND d.direction = 'export' AND ({' OR '.join(d)})"
    ).fetchone()  # fmt: skip
    s = spans("s.occurred_on")
    signals = duck.execute(
        "SELECT " + ", ".join(f"count(*) FILTER (WHERE {x})" for x in s)
        + f" FROM signal s JOIN org o ON o.id = s.org_id WHERE o.path LIKE '{path}%' "
        "AND s.source = 'foreign_notification' AND s.origin_id = 'CN'"
    ).fetchone()  # fmt: skip
    firms = duck.execute(
        "SELECT " + ", ".join(
            f"count(*) FILTER (WHERE {f}), count(*) FILTER (WHERE {f} AND qms_certified), "
            f"count(*) FILTER (WHERE {f} AND classification IS NOT NULL AND classification <> ''), "
            f"count(*) FILTER (WHERE {f} AND TRY_CAST(credit_at AS TIMESTAMPTZ) < TIMESTAMPTZ '{p.end} 00:00:00+08')"
            for f, p in [(f"(filed_on < DATE '{p.end}' OR (filed_on IS NULL AND created_at < TIMESTAMPTZ '{p.end} 00:00:00+08'))", p)
                         for p in periods]
        ) + f" FROM firm e JOIN org o ON o.id = e.org_id WHERE o.path LIKE '{path}%' AND filing_status = 'filed'"
    ).fetchone()  # fmt: skip
    out = {}
    for i in range(3):
        out[f"detection_{i}"] = (tasks[2 * i], tasks[2 * i + 1])
        out[f"foreign_notification_{i}"] = (signals[i], exports[i])
        den = firms[4 * i]
        out[f"qms_{i}"], out[f"classification_{i}"], out[f"credit_{i}"] = (
            (firms[4 * i + 1], den), (firms[4 * i + 2], den), (firms[4 * i + 3], den))  # fmt: skip
    return out


def board_figures(board) -> dict:
    out = {}
    for k in board:
        for i, rate in enumerate((k.current, k.previous, k.year_ago)):
            if rate is not None:
                out[f"{k.key}_{i}"] = (rate.numerator, rate.denominator)
    return out


def run_pg(url: str, period: str) -> None:
    setup(url)
    from django.db import connection

    from guomen.accounts.models import User
    from guomen.reports import kpis, report
    from guomen.reports.scope import build_filter

    tasks = connection.cursor().execute("SELECT count(*) FROM inspections_inspectiontask").fetchone()[0]
    print(f"PostgreSQL, {tasks:,} inspections, month {period}\n")
    print("| measurement | cold | warm (median) |")
    print("|---|---|---|")
    for username, label in (("supervisor_sz", "深圳局"), ("admin_gacc", "海关总署 (all)")):
        cold, warm, _r = timed(page(username, f"/reports/kpis/?period={period}"))
        report_line(f"KPI page /reports/kpis/ — {label}", cold, warm)
    user = User.objects.get(username="supervisor_sz")
    f = build_filter(user, {"period": period})
    cold, pg_warm, board = timed(lambda: kpis.kpi_board(f))
    report_line("KPI figures (kpi_board, daily rollup + live) on PostgreSQL — 深圳局", cold, pg_warm)
    from guomen.reports import rollup

    rolled_through = rollup.rolled_through
    rollup.rolled_through = lambda: None  # every figure counted from the records themselves
    cold, live_warm, live_board = timed(lambda: kpis.kpi_board(f))
    rollup.rolled_through = rolled_through
    report_line("same KPI figures counted from the 5M records (rollup bypassed) — 深圳局", cold, live_warm)
    started = time.perf_counter()
    duck = duckdb_copy(url)
    print(f"| (copying the tables into DuckDB: {time.perf_counter() - started:.0f} s, not timed below) | | |")
    periods = [f.period, f.period.previous(), f.period.year_ago()]
    cold, duck_warm, figures = timed(lambda: duckdb_figures(duck, f.org.path, periods))
    report_line("same figures in DuckDB (in memory) — 深圳局", cold, duck_warm)
    ours = board_figures(board)
    same = all(ours.get(k) == v for k, v in figures.items())  # complaints come from another app's selector
    same = same and board_figures(live_board) == board_figures(board)
    print(
        f"| PostgreSQL / DuckDB | {pg_warm / duck_warm:.2f}× with the rollup, {live_warm / duck_warm:.1f}× from the records "
        f"| figures identical: {same} |"
    )
    for username, label in (("supervisor_sz", "深圳局"), ("admin_gacc", "海关总署 (all)")):
        reporter = build_filter(User.objects.get(username=username), {"period": period})
        started = time.perf_counter()
        pdf = report.quality_report(reporter, "pdf")
        print(
            f"| monthly PDF report — {label} | {time.perf_counter() - started:.1f} s | {len(pdf):,} bytes |"
        )


def run_sqlite(url: str, period: str) -> None:
    setup(url)
    from django.db import connection

    tasks = connection.cursor().execute("SELECT count(*) FROM inspections_inspectiontask").fetchone()[0]
    print(f"SQLite large demo data, {tasks:,} inspections, month {period}\n")
    print("| measurement | cold | warm (median) |")
    print("|---|---|---|")
    for username, label in (("supervisor_sz", "深圳局"), ("admin_gacc", "海关总署 (all)")):
        from guomen.accounts.models import User

        if not User.objects.filter(username=username).exists():
            continue
        for path, name in (
            ("/reports/", "dashboard"),
            ("/reports/kpis/", "KPI page"),
            ("/reports/statistics/", "statistics"),
        ):
            cold, warm, _r = timed(page(username, f"{path}?period={period}"))
            report_line(f"{name} {path} — {label}", cold, warm)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=["pg", "sqlite"])
    parser.add_argument("--database-url")
    parser.add_argument("--period", default="2026-09")
    options = parser.parse_args()
    if options.mode == "pg":
        run_pg(options.database_url or PG_URL, options.period)
    else:
        run_sqlite(options.database_url or SQLITE_URL, options.period)


if __name__ == "__main__":
    main()
