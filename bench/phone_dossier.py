"""Dossier page server time with the large demo data: GET /inspections/tasks/<pk>/ for today's open tasks.

Runs Django in-process (test client, no network) against var/bench/large.sqlite3 (build it once with
`seed-demo --size large`, or pass --database-url), logged in as an inspector of each task's port.
Prints p50 / p95 / max in milliseconds and the number of SQL queries per page.

    uv run python bench/phone_dossier.py --rounds 5
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database_url: str) -> None:
    os.environ["GUOMEN_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    os.environ.setdefault("GUOMEN_DEBUG", "0")
    import django

    django.setup()


def inspector_for(task):
    from guomen.accounts.models import User

    users = User.objects.filter(role="inspector", is_active=True).select_related("org")
    return next((u for u in users if u.org and task.port.path.startswith(u.org.path)), None)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'large.sqlite3'}")
    parser.add_argument("--tasks", type=int, default=40, help="how many of today's open tasks to open")
    parser.add_argument("--rounds", type=int, default=5, help="times each dossier is opened")
    args = parser.parse_args()
    if args.database_url.startswith("sqlite:///") and not Path(args.database_url[10:]).exists():
        sys.exit(
            "Build the large demo first: GUOMEN_DATABASE_URL=... guomen migrate && ... seed-demo --size large"
        )
    setup(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from guomen.declarations.models import Declaration
    from guomen.inspections.models import InspectionTask

    settings.ALLOWED_HOSTS = ["*"]
    tasks = list(
        InspectionTask.objects.select_related("port")
        .filter(status__in=("open", "in_progress"), declaration__status="under_inspection")
        .order_by("-id")[: args.tasks]
    )
    if not tasks:
        sys.exit("No open task in this database.")
    clients = {}
    timings, cpu, queries = [], [], []
    for task in tasks:
        user = inspector_for(task)
        if user is None:
            continue
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client()
            client.force_login(user)
        url = f"/inspections/tasks/{task.pk}/"
        client.get(url)  # warm templates and translations once
        for _round in range(args.rounds):
            with CaptureQueriesContext(connection) as ctx:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            queries.append(len(ctx.captured_queries))
            assert response.status_code == 200, (url, response.status_code)

    def p95(values):
        values = sorted(values)
        return values[max(0, int(len(values) * 0.95) - 1)]

    timings.sort()
    print(f"database: {connection.vendor}, declarations: {Declaration.objects.count():,}")
    print(f"dossier pages: {len(timings)} requests over {len(timings) // args.rounds} tasks")
    print(
        f"server time ms (wall): p50 {statistics.median(timings):.1f}  p95 {p95(timings):.1f}  max {timings[-1]:.1f}"
    )
    print(f"server time ms (CPU):  p50 {statistics.median(cpu):.1f}  p95 {p95(cpu):.1f}")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"SQL queries per page: {min(queries)}–{max(queries)}")


if __name__ == "__main__":
    main()
