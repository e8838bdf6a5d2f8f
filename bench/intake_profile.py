"""Where one intake's time goes: POST /api/v1/declarations in process (no HTTP), on the database the previous
`bench/api_intake.py` run seeded (`--reuse` there; SQLite by default, --database-url for PostgreSQL).

Prints the wall and CPU time per intake over --requests intakes, the statements one intake sends with the mean
time each takes (wall, driver included), and with
--profile the functions that take most of it (cProfile, cumulative). Loopback only; bounded by --requests.

    uv run python bench/api_intake.py --clients 1 --requests 50        # seeds var/bench/api-intake.sqlite3
    uv run python bench/intake_profile.py --requests 300 [--profile]
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time

from _common import BENCH_DIR
from api_intake import payload


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database-url", help="the postgres:// database api_intake.py seeded")
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    requests = max(1, min(options.requests, 5000))
    os.environ["GUOMEN_DATABASE_URL"] = (
        options.database_url or f"sqlite:///{BENCH_DIR / 'api-intake.sqlite3'}"
    )
    os.environ["GUOMEN_AUDIT_CHECKPOINT_FILE"] = str(BENCH_DIR / "api-intake-checkpoints.jsonl")
    os.environ["GUOMEN_AUDIT_KEY_FILE"] = str(BENCH_DIR / "api-intake-audit.key")
    os.environ["GUOMEN_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.prod")
    summary = json.loads((BENCH_DIR / "api-intake-summary.json").read_text(encoding="utf-8"))

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_X_API_KEY=summary["api_key"], HTTP_HOST="127.0.0.1")
    first = 500_000 + int(time.time()) % 100_000 * 5  # document numbers not used by an earlier run

    def intake(n: int) -> None:
        body = json.dumps(payload(summary, n))
        response = client.post("/api/v1/declarations", body, content_type="application/json")
        if response.status_code != 201:
            sys.exit(f"intake answered {response.status_code}: {response.content[:300]!r}")

    for n in range(20):  # warm the caches and the model
        intake(first + n)
    sent: list[str] = []

    def record(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        intake(first + 20)
    spent: dict[int, float] = {}  # statement's place in the intake -> seconds over all intakes
    place = [0]

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[place[0]] = spent.get(place[0], 0.0) + time.perf_counter() - start
            place[0] += 1

    profile = cProfile.Profile() if options.profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    with connection.execute_wrapper(timed):
        for n in range(requests):
            place[0] = 0
            intake(first + 21 + n)
    if profile:
        profile.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; {connection.vendor}")
    print(
        f"{requests} intakes in process: {1000 * wall / requests:.2f} ms wall, {1000 * cpu / requests:.2f} ms CPU each"
    )
    print(f"one intake sends {len(sent)} statements on its connection (commit not counted), mean ms each:")
    for i, sql in enumerate(sent):
        print(f"  {1000 * spent.get(i, 0.0) / requests:6.2f}  {sql[:100]}")
    print(f"  {1000 * sum(spent.values()) / requests:6.2f}  in all")
    if profile:
        if os.environ.get("PROFILE_OUT"):
            profile.dump_stats(os.environ["PROFILE_OUT"])
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
        stats.print_stats(r"guomen", 40)
        stats.sort_stats("tottime").print_stats(40)  # where the CPU goes, libraries included
        if os.environ.get("CALLEES"):
            stats.print_callees(os.environ["CALLEES"])
        print(out.getvalue())


if __name__ == "__main__":
    main()
