"""Export certificate figures: issuing a released export's certificate with its PDF and its ePhyto (built, checked
against the hub schema, stored), and downloading them through the API.

Builds a fresh database in var/bench/certificates.sqlite3 (or --database-url, e.g. PostgreSQL), a small bureau
from the test factories and N released vegetable exports for Hong Kong (two lines each), then times the issuing
service in-process (the server time of a release's certificate step), after one warm-up issue.

    uv run python bench/export_certificate.py --certificates 40
    uv run python bench/export_certificate.py --certificates 20 --profile   # cProfile of the issuing, top 25
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fresh_postgres, fresh_sqlite, guomen


def percentiles(label: str, samples: list[float]) -> float:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(
        f"{label}: p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms (n={len(ordered)})"
    )
    return p95


def world():
    from guomen.accounts.choices import OrgKind, Role
    from guomen.accounts.tests.factories import OrgUnitFactory, UserFactory
    from guomen.registry.tests.factories import EnterpriseFactory

    gacc = OrgUnitFactory(code="GACC", name="海关总署", kind=OrgKind.GENERAL_BUREAU)
    sz = OrgUnitFactory(code="SZ", name="深圳局", kind=OrgKind.BRANCH_BUREAU, parent=gacc)
    wjd = OrgUnitFactory(
        code="WJD", name="文锦渡局", name_en="Wenjindu Port Office", kind=OrgKind.PORT, parent=sz
    )
    exporter = EnterpriseFactory(
        org=wjd, name_zh="深圳绿源蔬菜供港有限公司", name_en="Shenzhen Lvyuan Vegetables"
    )
    return {
        "wjd": wjd,
        "exporter": exporter,
        "supervisor": UserFactory(username="supervisor_sz", role=Role.SUPERVISOR, org=sz),
        "exporter_user": UserFactory(username="exporter", role=Role.ENTERPRISE, enterprise=exporter),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--certificates", type=int, default=40)
    parser.add_argument("--database-url", default="", help="postgres://... to measure on PostgreSQL")
    parser.add_argument("--profile", action="store_true", help="print where the issuing time goes (cProfile)")
    args = parser.parse_args()
    url = fresh_postgres(args.database_url) if args.database_url else fresh_sqlite("certificates")
    guomen(url, "migrate", "--no-input", capture=True)
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from guomen.certificates.services import certificates_issue_for_declaration
    from guomen.certificates.tests.conftest import released_export

    settings.ALLOWED_HOSTS = ["*"]
    print(f"database: {connection.vendor}")
    w = world()
    declarations = [
        released_export(w["wjd"], w["exporter"], hs_codes=("0704909000", "0704100000"))
        for _i in range(args.certificates + 1)
    ]
    certificates_issue_for_declaration(
        declaration=declarations[0], actor=w["supervisor"]
    )  # warm-up: fonts, schema
    issue_times, cpu_times, certs = [], [], []
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for declaration in declarations[1:]:
        start, cpu = time.perf_counter(), time.process_time()
        certs += certificates_issue_for_declaration(declaration=declaration, actor=w["supervisor"])
        issue_times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    if profiler is not None:
        import pstats

        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(25)
    assert all(c.has_ephyto for c in certs), "every certificate should have its ePhyto"
    p95 = percentiles("issue certificate (PDF + ePhyto, validated, stored), wall", issue_times)
    percentiles("issue certificate, CPU time of the process", cpu_times)
    if os.environ.get("BENCH_SHOW"):
        print("CPU ms:", [round(t * 1000) for t in cpu_times])
    load = os.getloadavg()
    print(
        f"load average while measuring: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores"
    )
    client = Client()
    client.force_login(w["exporter_user"])
    for label, suffix in (("GET ephyto.xml", "ephyto.xml"), ("GET certificate.pdf", "certificate.pdf")):
        times = []
        for cert in certs:
            start = time.perf_counter()
            response = client.get(f"/api/v1/exports/certificates/{cert.number}/{suffix}")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.content[:200]
        percentiles(label, times)
    start = time.perf_counter()
    response = client.get("/api/v1/exports/certificates")
    print(
        f"GET /api/v1/exports/certificates: {(time.perf_counter() - start) * 1000:.1f} ms ({response.json()['count']} certificates)"
    )
    print(f"target ≤ 300 ms p95 for issuing: {'met' if p95 <= 0.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
