"""Time `guomen seed-demo --size large` (or small, national) on a fresh database and print declarations, seconds, rows/s.

uv run python bench/seed_large.py                       # SQLite file under var/bench/
uv run python bench/seed_large.py --database-url postgres://postgres@127.0.0.1:5432/guomen_bench
"""

import argparse
import time

from _common import count_rows, fresh_postgres, fresh_sqlite, guomen

TABLES = {
    "declarations": "declarations_declaration",
    "lines": "declarations_declarationline",
    "inspection tasks": "inspections_inspectiontask",
}


def run(*, size: str = "large", database_url: str | None = None, declarations: int | None = None) -> dict:
    if database_url and database_url.startswith("postgres"):
        url = fresh_postgres(database_url)
        engine = "PostgreSQL"
    else:
        url = fresh_sqlite(f"seed-{size}")
        engine = "SQLite"
    guomen(url, "migrate", "--noinput", "-v", "0")
    args = ["seed-demo", "--size", size, "-v", "0"]
    if declarations:
        args += ["--declarations", str(declarations)]
    started = time.perf_counter()
    guomen(url, *args, capture=True)
    seconds = time.perf_counter() - started
    counts = {label: count_rows(url, table) for label, table in TABLES.items()}
    return {
        "engine": engine,
        "size": size,
        "seconds": seconds,
        **counts,
        "declarations_per_s": counts["declarations"] / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="large", choices=["small", "large", "national"])
    parser.add_argument("--database-url", help="a postgres:// URL (the database is dropped and re-created)")
    parser.add_argument("--declarations", type=int, help="override the number of past declarations")
    options = parser.parse_args()
    result = run(size=options.size, database_url=options.database_url, declarations=options.declarations)
    print(
        f"seed-demo --size {result['size']} on {result['engine']}: {result['declarations']:,} declarations "
        f"({result['lines']:,} lines, {result['inspection tasks']:,} tasks) in {result['seconds']:.1f} s "
        f"= {result['declarations_per_s']:,.0f} declarations/s"
    )


if __name__ == "__main__":
    main()
