"""Matching time: every China-origin notification in the trace-back queue (the shared RASFF file, imported by the
demo) matched against the exports of a demo database.

uv run python bench/traceback_match.py --database-url sqlite:///var/bench/seed-large.sqlite3
(the database must hold a seeded demo, e.g. from bench/seed_large.py). Prints figures; asserts nothing.
"""

import argparse
import os
import sys
import time

from _common import ROOT


def run(database_url: str) -> dict:
    os.environ["GUOMEN_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.db import transaction

    from guomen.declarations.models import Declaration
    from guomen.tracebacks.matching import facts_of, match_all
    from guomen.tracebacks.models import TraceNotification

    notifications = list(TraceNotification.objects.filter(source="rasff"))
    exports = Declaration.objects.filter(direction="export").count()
    started = time.perf_counter()
    results = match_all(facts_of(n) for n in notifications)
    match_seconds = time.perf_counter() - started
    from guomen.tracebacks.services import match_run

    started = time.perf_counter()
    with transaction.atomic():
        match_run(notifications=[n for n in notifications if n.status != "confirmed"])
        transaction.set_rollback(True)
    run_seconds = time.perf_counter() - started
    return {
        "notifications": len(notifications),
        "exports": exports,
        "with_candidates": sum(1 for c in results.values() if c),
        "match_seconds": match_seconds,
        "run_seconds": run_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    r = run(parser.parse_args().database_url)
    print(
        f"{r['notifications']} China-origin notifications against {r['exports']:,} export declarations: "
        f"matched in {r['match_seconds']:.2f} s ({r['with_candidates']} with candidates); "
        f"with the candidates written (match_run) {r['run_seconds']:.2f} s"
    )


if __name__ == "__main__":
    main()
