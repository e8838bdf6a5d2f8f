"""RASFF import time: `guomen import-rasff` on the shared export (8,413 rows) into a fresh database.

uv run python bench/risk_rasff.py [--postgres postgres://postgres@127.0.0.1:5432/guomen_bench_risk] [--demo]
    [--path FILE | --layout-2019 [ROWS]]
--layout-2019 generates a file in the 2019 yearly layout (semicolon-separated, 2,789 rows by default; see
rasff_2019_layout.py) and times that instead.
Prints figures; asserts nothing. Times the import itself in-process (not the command's start-up). --demo seeds the small demo bureau first, so notifications about
origins × commodities it imports also become clustered risk signals.
"""

import argparse
import os
import sys
import time
from pathlib import Path

from _common import ROOT, fresh_postgres, fresh_sqlite, guomen

SHARED = ROOT.parent / "shared" / "data" / "rasff" / "rasff_2024-01_2025-08.sqlite"


def run(*, database_url: str | None = None, demo: bool = False, path: Path = SHARED) -> dict:
    url = fresh_postgres(database_url) if database_url else fresh_sqlite("risk_rasff")
    guomen(url, "migrate", "-v0")
    if demo:
        guomen(url, "seed-demo", "--size", "small", capture=True)
    else:
        guomen(url, "load-catalog", capture=True)
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.db import connections

    from guomen.risk.rasff import rasff_import

    connections.close_all()
    started = time.perf_counter()
    first = rasff_import(path=path).as_dict()
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = rasff_import(path=path).as_dict()
    again_seconds = time.perf_counter() - started
    connections.close_all()
    return {
        "engine": "PostgreSQL" if database_url else "SQLite",
        "rows": first["rows"],
        "imported": first["created"],
        "signals": first["signals"],
        "hazards_created": first["hazards_created"],
        "seconds": seconds,
        "reimport_added": again["created"],
        "reimport_seconds": again_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--path", type=Path, default=SHARED)
    parser.add_argument("--layout-2019", type=int, nargs="?", const=2789, default=None)
    options = parser.parse_args()
    path = options.path
    if options.layout_2019:
        from rasff_2019_layout import write

        path = write(ROOT / "var" / "bench-rasff-2019.csv", options.layout_2019)
    # Django is set up once per process: one engine per run of this script.
    results = [run(database_url=options.postgres, demo=options.demo, path=path)]
    for r in results:
        print(
            f"import-rasff ({r['engine']}, {path.name}): {r['rows']:,} rows → {r['imported']:,} notifications, "
            f"{r['signals']} signals, {r['hazards_created']} hazards to review in {r['seconds']:.2f} s; "
            f"re-import added {r['reimport_added']} in {r['reimport_seconds']:.2f} s"
        )


if __name__ == "__main__":
    main()
