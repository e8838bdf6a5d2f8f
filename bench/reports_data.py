"""Bulk generator for the report benches: N inspections (one declaration, line, decision and task each) written
by PostgreSQL itself (INSERT ... SELECT generate_series), spread over 24 months and 10 ports of 3 bureaus.

uv run python bench/reports_data.py --rows 5000000          # into postgres://postgres@127.0.0.1:5432/guomen_bench5m
The database is dropped and re-created; only loopback URLs are accepted.
"""

import argparse
import datetime as dt
import time
from urllib.parse import urlparse

from _common import fresh_postgres, guomen

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/guomen_bench5m"
END = dt.date(2026, 10, 31)
DAYS = 730
BUREAUS = {"SZ": ["WJD", "HG", "SZW", "SK"], "GZ": ["BY", "NS", "HP"], "SH": ["YS", "PD", "HQ"]}
ORIGINS = ["TH", "VN", "CL", "NZ", "AU", "US", "BR", "PE", "ZA", "MY", "PH", "EC", "MX", "ES", "FR", "CN"]
GROUPS = {"fresh_fruit": ("新鲜水果", "08"), "vegetables": ("蔬菜", "07"), "meat": ("肉类", "02"),
          "aquatic": ("水产品", "03"), "dairy": ("乳制品", "04"), "grain": ("粮谷", "10")}  # fmt: skip
HS = [("081060", "fresh_fruit"), ("080450", "fresh_fruit"), ("081090", "fresh_fruit"), ("070310", "vegetables"),
      ("070960", "vegetables"), ("020130", "meat"), ("020322", "meat"), ("030617", "aquatic"),
      ("040210", "dairy"), ("100630", "grain")]  # fmt: skip
HAZARDS = 24
ENTERPRISES = 3000

DEFAULTS = {"character varying": "''", "text": "''", "integer": "0", "smallint": "0", "bigint": "0",
            "numeric": "0", "boolean": "false", "date": "current_date", "jsonb": "'{}'::jsonb",
            "timestamp with time zone": "now()", "double precision": "0"}  # fmt: skip


def insert(conn, table: str, values: dict[str, str], source: str = "") -> None:
    """INSERT ... SELECT with the given column expressions; other NOT NULL columns get a neutral default."""
    rows = conn.execute(
        "SELECT column_name, data_type, column_default FROM information_schema.columns "
        "WHERE table_name = %s AND is_nullable = 'NO'",
        [table],
    ).fetchall()
    exprs = dict(values)
    for name, kind, default in rows:
        if name not in exprs and not (default or "").startswith("nextval") and name != "id":
            exprs[name] = DEFAULTS[kind]
    columns = ", ".join(f'"{c}"' for c in exprs)
    conn.execute(f'INSERT INTO "{table}" ({columns}) SELECT {", ".join(exprs.values())} {source}')


def reference_data(conn) -> None:
    insert(conn, "accounts_orgunit", {"code": "'GACC'", "name": "'海关总署'", "kind": "'general'", "path": "'/GACC/'",
                                      "version": "1"})  # fmt: skip
    names = {"SZ": "深圳局", "GZ": "广州局", "SH": "上海局"}
    for branch, ports in BUREAUS.items():
        insert(conn, "accounts_orgunit", {"code": f"'{branch}'", "name": f"'{names[branch]}'", "kind": "'branch'",
                                          "path": f"'/GACC/{branch}/'", "version": "1",
                                          "parent_id": "(SELECT id FROM accounts_orgunit WHERE code='GACC')"})  # fmt: skip
        for port in ports:
            insert(conn, "accounts_orgunit", {"code": f"'{port}'", "name": f"'{port}口岸'", "kind": "'port'",
                                              "path": f"'/GACC/{branch}/{port}/'", "version": "1",
                                              "parent_id": f"(SELECT id FROM accounts_orgunit WHERE code='{branch}')"})  # fmt: skip
    for code in ORIGINS:
        insert(conn, "catalog_country", {"code": f"'{code}'", "alpha3": f"'{code}X'", "name_en": f"'{code}'",
                                         "name_zh": f"'{code}'"})  # fmt: skip
    for code, (name, prefix) in GROUPS.items():
        insert(conn, "catalog_commoditygroup", {"code": f"'{code}'", "name_zh": f"'{name}'", "name_en": f"'{code}'",
                                                "hs_prefixes": f"'[\"{prefix}\"]'::jsonb"})  # fmt: skip
    for code, group in HS:
        insert(conn, "catalog_hscode", {"code": f"'{code}'", "level": "6", "name_en": f"'{code}'",
                                        "name_zh": f"'商品{code}'", "group_id": f"'{group}'"})  # fmt: skip
    insert(conn, "catalog_hazard", {"code": "'HZ' || g", "kind": "'quarantine_pest'", "name_zh": "'有害生物' || g",
                                    "name_en": "'Pest ' || g", "version": "1"},
           f"FROM generate_series(1, {HAZARDS}) g")  # fmt: skip
    insert(conn, "registry_enterprise", {
        "uscc": "lpad(g::text, 18, '0')", "name_zh": "'企业' || g", "kind": "'importer'", "filing_status": "'filed'",
        "org_id": "(SELECT id FROM accounts_orgunit WHERE kind='port' ORDER BY code OFFSET (g % 10) LIMIT 1)",
        "credit_grade": "(ARRAY['AA','A','A','B','C'])[1 + g % 5]", "classification": "(ARRAY['I','II','III','IV',''])[1 + g % 5]",
        "qms_certified": "g % 3 = 0", "filed_on": "date '2023-01-01' + (g % 1200)", "version": "1",
    }, f"FROM generate_series(1, {ENTERPRISES}) g")  # fmt: skip


BULK_TABLES = ("declarations_declaration", "declarations_declarationline", "targeting_targetingdecision",
               "inspections_inspectiontask", "inspections_finding")  # fmt: skip


def drop_indexes(conn) -> list[str]:
    """Drop the plain (non-constraint) indexes of the bulk tables; return their definitions to rebuild them."""
    rows = conn.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) AND NOT EXISTS "
        "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [list(BULK_TABLES)],
    ).fetchall()
    for name, _definition in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def bulk(conn, rows: int) -> None:
    """Declarations, lines, decisions, tasks and findings for `rows` consignments, ~3% non-conforming."""
    start = END - dt.timedelta(days=DAYS - 1)
    conn.execute("SELECT setseed(0.42)")
    conn.execute(f"""
        CREATE TEMP TABLE gen AS
        SELECT g AS id, date '{start}' + (g % {DAYS}) AS day, (random() * 9)::int AS port_ix,
               (random() * {len(ORIGINS) - 1})::int AS origin_ix, (random() * {len(HS) - 1})::int AS hs_ix,
               1 + (random() * {ENTERPRISES - 1})::int AS firm, random() AS r1, random() AS r2
        FROM generate_series(1, {rows}) g""")  # fmt: skip
    port_ids = [r[0] for r in conn.execute("SELECT id FROM accounts_orgunit WHERE kind='port' ORDER BY code")]
    parents = [
        r[0] for r in conn.execute("SELECT parent_id FROM accounts_orgunit WHERE kind='port' ORDER BY code")
    ]
    first_firm = conn.execute("SELECT min(id) FROM registry_enterprise").fetchone()[0]
    port = "(ARRAY[" + ",".join(map(str, port_ids)) + "])[1 + g.port_ix]"
    branch = "(ARRAY[" + ",".join(map(str, parents)) + "])[1 + g.port_ix]"
    first_hazard = conn.execute("SELECT min(id) FROM catalog_hazard").fetchone()[0]
    origins = "ARRAY[" + ",".join(f"'{o}'" for o in ORIGINS) + "]"
    hs = "ARRAY[" + ",".join(f"'{c}'" for c, _g in HS) + "]"
    outcome = "CASE WHEN g.r1 < 0.03 THEN 'non_conforming' ELSE 'conforming' END"
    source = "FROM gen g"
    insert(conn, "declarations_declaration", {
        "id": "g.id", "created_at": "g.day::timestamptz", "updated_at": "g.day::timestamptz", "version": "4",
        "number": "'B' || lpad(g.id::text, 12, '0')", "direction": "CASE WHEN g.r2 < 0.3 THEN 'export' ELSE 'import' END",
        "status": "CASE WHEN g.r1 < 0.03 THEN 'returned' ELSE 'released' END", "port_id": port, "declarant_id": f"{first_firm - 1} + g.firm",
        "origin_country_id": f"CASE WHEN g.r2 < 0.3 THEN 'CN' ELSE ({origins})[1 + g.origin_ix] END",
        "transport": "'container'", "arrival_date": "g.day", "submitted_at": "g.day::timestamptz",
        "verification_code": "'ABCDEF'", "channel": "'physical'", "total_value": "1000", "total_weight_kg": "1000",
        "outcome": outcome,
    }, source)  # fmt: skip
    insert(conn, "declarations_declarationline", {
        "declaration_id": "g.id", "line_no": "1", "hs_id": f"({hs})[1 + g.hs_ix]", "description": "'货物'",
        "quantity": "1", "unit": "'kg'", "net_weight_kg": "1000", "value": "1000", "currency": "'USD'",
    }, "FROM gen g")  # fmt: skip
    insert(conn, "targeting_targetingdecision", {
        "declaration_id": "g.id", "channel": "'physical'", "reasons": "'[]'::jsonb",
        "decided_by": "CASE WHEN g.r2 > 0.95 THEN 'random' ELSE 'rules' END", "decided_at": "g.day::timestamptz",
    }, "FROM gen g")  # fmt: skip
    insert(conn, "inspections_inspectiontask", {
        "id": "g.id", "created_at": "g.day::timestamptz", "updated_at": "g.day::timestamptz", "version": "3",
        "declaration_id": "g.id", "port_id": port, "channel": "'physical'", "priority": "50", "status": "'closed'",
        "due_date": "g.day", "outcome": outcome,
        "disposition": "CASE WHEN g.r1 < 0.01 THEN 'destroy' WHEN g.r1 < 0.03 THEN 'return' ELSE 'release' END",
        "recorded_at": "g.day::timestamptz", "confirmed_at": "g.day::timestamptz",
    }, source)  # fmt: skip
    insert(conn, "inspections_finding", {
        "task_id": "g.id", "hazard_id": f"{first_hazard} + (g.r2 * g.r2 * {HAZARDS - 1})::int",
        "description": "'检出'", "count": "3", "created_at": "g.day::timestamptz",
    }, "FROM gen g WHERE g.r1 < 0.03")  # fmt: skip
    insert(conn, "risk_risksignal", {
        "source": "'foreign_notification'", "title": "'RASFF ' || g.id", "occurred_on": "g.day",
        "origin_id": "'CN'", "org_id": branch, "version": "1",
        "source_ref": "'rasff:' || g.id",
    }, "FROM gen g WHERE g.r2 < 0.3 AND g.r1 < 0.0005")  # fmt: skip
    for table in ("declarations_declaration", "declarations_declarationline", "inspections_inspectiontask"):
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def users(conn) -> None:
    for username, role, org in (
        ("supervisor_sz", "supervisor", "SZ"),
        ("admin_gacc", "administrator", "GACC"),
    ):
        insert(conn, "accounts_user", {
            "username": f"'{username}'", "password": "'!'", "role": f"'{role}'", "is_active": "true",
            "org_id": f"(SELECT id FROM accounts_orgunit WHERE code='{org}')", "date_joined": "now()",
        })  # fmt: skip


def build(url: str, rows: int) -> float:
    import psycopg

    host = urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("the bench database must be on this machine (loopback)")
    fresh_postgres(url)
    guomen(url, "migrate", "--noinput", "-v", "0")
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=False) as conn:
        # Generated rows are consistent by construction: skip the per-row foreign-key triggers while loading.
        conn.execute("SET session_replication_role = replica")
        reference_data(conn)
        users(conn)
        indexes = drop_indexes(conn)
        bulk(conn, rows)
        conn.commit()
        conn.execute("SET maintenance_work_mem = '512MB'")
        for definition in indexes:
            conn.execute(definition)
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--rows", type=int, default=5_000_000)
    options = parser.parse_args()
    seconds = build(options.database_url, options.rows)
    print(f"{options.rows:,} inspections written in {seconds:.0f} s")


if __name__ == "__main__":
    main()
