"""Sync of results queued offline: 200 results, each with findings and checklist answers, in one request.

Builds a fresh small demo bureau in var/bench/phone-sync.sqlite3 (or --database-url, e.g. PostgreSQL),
opens N extra tasks at 文锦渡, then posts them to /api/v1/inspections/sync in-process as inspector_wjd —
once (every result recorded) and again with the same idempotency keys (every result replayed, nothing
recorded twice). Prints the time of each pass.

    uv run python bench/phone_sync.py --results 200
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fresh_postgres, fresh_sqlite, guomen


def open_tasks(port, n: int) -> list:
    from guomen.inspections.tests.factories import open_task

    return [open_task(port, number=f"BENCH{i:08d}") for i in range(n)]


def item(task, i: int) -> dict:
    return {
        "key": f"bench-{i}",
        "task_id": task.pk,
        "outcome": "non_conforming" if i % 4 == 0 else "conforming",
        "notes": "离线记录",
        "proposed_disposition": "return" if i % 4 == 0 else "release",
        "findings": [{"description": "活体粉蚧", "count": 3}] if i % 4 == 0 else [],
        "checklist": [
            {"code": "phys.decay", "result": "conform"},
            {"code": "phys.soil", "result": "conform"},
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--results", type=int, default=200)
    parser.add_argument("--database-url", default="", help="postgres://... to measure on PostgreSQL")
    args = parser.parse_args()
    url = fresh_postgres(args.database_url) if args.database_url else fresh_sqlite("phone-sync")
    guomen(url, "migrate", "--no-input", capture=True)
    guomen(url, "seed-demo", "--size", "small", capture=True)
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from guomen.accounts.models import OrgUnit, User
    from guomen.inspections.models import Finding, InspectionTask

    settings.ALLOWED_HOSTS = ["*"]
    tasks = open_tasks(OrgUnit.objects.get(code="WJD"), args.results)
    payload = json.dumps({"items": [item(t, i) for i, t in enumerate(tasks)]})
    client = Client()
    client.force_login(User.objects.get(username="inspector_wjd"))
    for label in ("first sync", "retry (same keys)"):
        start, cpu = time.perf_counter(), time.process_time()
        response = client.post("/api/v1/inspections/sync", payload, content_type="application/json")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        statuses = {}
        for r in response.json()["results"]:
            key = r["status"] + (" (replayed)" if r["replayed"] else "")
            statuses[key] = statuses.get(key, 0) + 1
        print(f"{label}: {args.results} results in {seconds:.2f} s (CPU {cpu:.2f} s) — {statuses}")
    recorded = InspectionTask.objects.filter(
        pk__in=[t.pk for t in tasks], status="awaiting_confirmation"
    ).count()
    findings = Finding.objects.filter(task__in=tasks).count()
    print(f"database: {connection.vendor}; tasks recorded: {recorded}; findings: {findings}")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
