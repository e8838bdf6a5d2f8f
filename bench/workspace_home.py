"""Enterprise workspace home (/enterprise/): server time for an enterprise with 10,000 declarations.

uv run python bench/workspace_home.py [--declarations 10000] [--rounds 100] [--postgres URL]

Builds a fresh database (var/bench/workspace.sqlite3, or the PostgreSQL database named) with one filed
importer holding the given number of declarations in every status, 30 % of them inspected and closed with
their certificate or notice, a sample with a final result on every tenth, open rectifications,
applications, 500 notifications, and 20,000 declarations of other enterprises; then times GET /enterprise/
as the enterprise's user through Django's test client (all middleware, views, queries and templates, no
network) and counts its queries. On PostgreSQL the planner statistics are refreshed (ANALYZE) after the bulk load. Prints figures; asserts nothing.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

from _common import fresh_postgres, fresh_sqlite, guomen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def build(n: int) -> object:
    from django.utils import timezone

    from guomen.accounts.choices import OrgKind, Role
    from guomen.accounts.models import OrgUnit, User
    from guomen.catalog.models import Country
    from guomen.declarations.choices import DeclarationStatus as S
    from guomen.declarations.models import Declaration
    from guomen.inspections.models import InspectionTask, RectificationRequest
    from guomen.labs.models import Laboratory, Sample
    from guomen.notifications.choices import Delivery, Kind
    from guomen.notifications.models import Notification
    from guomen.registry.models import Enterprise
    from guomen.supervision.models import AccessApplication

    gacc = OrgUnit.objects.create(code="GACC", name="海关总署", kind=OrgKind.GENERAL_BUREAU, path="/GACC/")
    sz = OrgUnit.objects.create(
        code="SZ", name="深圳局", kind=OrgKind.BRANCH_BUREAU, parent=gacc, path="/GACC/SZ/"
    )
    wjd = OrgUnit.objects.create(
        code="WJD", name="文锦渡局", kind=OrgKind.PORT, parent=sz, path="/GACC/SZ/WJD/"
    )
    th = Country.objects.create(code="TH", alpha3="THA", name_zh="泰国", name_en="Thailand")
    firms = [
        Enterprise.objects.create(
            uscc=f"91440300MA5F{i:06d}", name_zh=f"深圳鲜果进口有限公司{i}", kind="importer", org=sz
        )
        for i in range(3)
    ]
    user = User.objects.create_user(
        "ws_bench", password="pass12345", role=Role.ENTERPRISE, enterprise=firms[0]
    )
    lab = Laboratory.objects.create(
        code="SZLAB", name="深圳海关技术中心", org=sz, tests=["pesticide_residues"]
    )
    statuses = list(S.values)
    now = timezone.now()
    owners = [firms[0]] * n + [firms[1]] * n + [firms[2]] * n
    rows = [
        Declaration(
            number=f"WJD{i:012d}", direction="import", status=statuses[i % len(statuses)], port=wjd,
            declarant=firm, origin_country=th, transport="truck", arrival_date=(now - dt.timedelta(hours=i)).date(),
            submitted_at=now - dt.timedelta(hours=i), verification_code="ABCD1234",
        )
        for i, firm in enumerate(owners)
    ]  # fmt: skip
    Declaration.objects.bulk_create(rows, batch_size=2000)
    mine = list(Declaration.objects.filter(declarant=firms[0]).order_by("id").values_list("id", "status"))
    closed = [pk for i, (pk, status) in enumerate(mine) if i % 10 < 3]
    InspectionTask.objects.bulk_create(
        [
            InspectionTask(
                declaration_id=pk, port=wjd, channel="physical", status="closed", due_date=now.date(),
                outcome="conforming", disposition="release" if i % 5 else "return", confirmed_at=now - dt.timedelta(hours=i),
            )
            for i, pk in enumerate(closed)
        ],
        batch_size=2000,
    )  # fmt: skip
    tasks = list(
        InspectionTask.objects.filter(declaration__declarant=firms[0]).values_list("id", "declaration_id")
    )
    Sample.objects.bulk_create(
        [
            Sample(
                number=f"S{i:08d}", task_id=t, declaration_id=d, port=wjd, laboratory=lab, sample_type="fruit",
                quantity=1, unit="kg", status="approved", due_date=now.date(), verdict="conforming",
                approved_at=now - dt.timedelta(hours=i),
            )
            for i, (t, d) in enumerate(tasks[::3])
        ],
        batch_size=2000,
    )  # fmt: skip
    RectificationRequest.objects.bulk_create(
        [
            RectificationRequest(
                enterprise=firms[0], org=sz, subject=f"补充冷链温度记录 {i}", due_date=now.date()
            )
            for i in range(30)
        ]
    )
    AccessApplication.objects.bulk_create(
        [AccessApplication(kind="enterprise_filing", enterprise=firms[0]) for _ in range(5)]
    )
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user, kind=Kind.DECLARATION_RELEASED, params={"number": f"WJD{i:012d}"},
                url=f"/declarations/WJD{i:012d}/", delivery=Delivery.DIGEST, dedup_key=f"b:{i}",
            )
            for i in range(500)
        ]
    )  # fmt: skip
    return user


def run(declarations: int, rounds: int, postgres: str | None) -> dict:
    url = fresh_postgres(postgres) if postgres else fresh_sqlite("workspace")
    guomen(url, "migrate", "-v0")
    os.environ.update(
        GUOMEN_DATABASE_URL=url, DJANGO_SETTINGS_MODULE="guomen.settings.base", GUOMEN_DEBUG="0"
    )
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    user = build(declarations)
    if (
        connection.vendor == "postgresql"
    ):  # fresh planner statistics, as autovacuum keeps them after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built {declarations:,} declarations of the enterprise (+{2 * declarations:,} of others) "
          f"in {time.perf_counter() - started:.0f} s on {connection.vendor}")  # fmt: skip
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    client.get("/enterprise/")
    with connection.execute_wrapper(count):
        response = client.get("/enterprise/")
    assert response.status_code == 200, response.status_code
    samples = []
    for _ in range(rounds):
        t = time.perf_counter()
        client.get("/enterprise/")
        samples.append((time.perf_counter() - t) * 1000)
    summary = {
        "queries": len(queries),
        "p50_ms": statistics.median(samples),
        "p95_ms": percentile(samples, 95),
    }
    print(f"GET /enterprise/ ({declarations:,} declarations): {summary['queries']} queries, "
          f"p50 {summary['p50_ms']:.1f} ms, p95 {summary['p95_ms']:.1f} ms over {rounds} rounds "
          f"(target p95 ≤ 150 ms); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--declarations", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--postgres", help="postgres://… database to (re)create and use instead of SQLite")
    options = parser.parse_args()
    run(options.declarations, options.rounds, options.postgres)


if __name__ == "__main__":
    main()
