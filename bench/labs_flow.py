"""Laboratory and ePhyto figures: sample registration, custody, judged results, approval, label PDFs,
the lab queue page, and reading / importing ePhyto certificates (including refusing a hostile one).

Builds a fresh database in var/bench/labs.sqlite3 (or --database-url, e.g. PostgreSQL), a small bureau
from the test factories, N open tasks at 文锦渡, then times each step through the services in-process.
On PostgreSQL it also registers samples from 8 threads at once and checks the numbers stay unique.

    uv run python bench/labs_flow.py --samples 200
"""

import argparse
import contextlib
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fresh_postgres, fresh_sqlite, guomen

CERTIFICATE = (
    Path(__file__).resolve().parent.parent
    / "src/guomen/declarations/tests/data/ephyto-SPSCertificateContent.xml"
)


def timed(label: str, n: int, func) -> list:
    start = time.perf_counter()
    out = [func(i) for i in range(n)]
    seconds = time.perf_counter() - start
    print(f"{label}: {n} in {seconds:.2f} s — {seconds / n * 1000:.1f} ms each")
    return out


def percentiles(label: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    print(
        f"{label}: p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms (n={len(ordered)})"
    )


def world(n_tasks: int) -> dict:
    from guomen.accounts.choices import OrgKind, Role
    from guomen.accounts.tests.factories import OrgUnitFactory, UserFactory
    from guomen.inspections.tests.factories import open_task
    from guomen.labs.tests.factories import LaboratoryFactory, chlorpyrifos

    gacc = OrgUnitFactory(code="GACC", name="海关总署", kind=OrgKind.GENERAL_BUREAU)
    sz = OrgUnitFactory(code="SZ", name="深圳局", kind=OrgKind.BRANCH_BUREAU, parent=gacc)
    wjd = OrgUnitFactory(code="WJD", name="文锦渡局", kind=OrgKind.PORT, parent=sz)
    chlorpyrifos(limit="0.05")
    return {
        "wjd": wjd,
        "lab": LaboratoryFactory(org=wjd),
        "inspector": UserFactory(username="inspector_wjd", role=Role.INSPECTOR, org=wjd),
        "analyst": UserFactory(username="lab_wjd", role=Role.LAB_ANALYST, org=wjd),
        "approver": UserFactory(username="lab_wjd2", role=Role.LAB_ANALYST, org=wjd),
        "tasks": [open_task(wjd, number=f"BENCH{i:08d}") for i in range(n_tasks)],
    }


def lab_path(w: dict, n: int) -> list:
    from guomen.clearance.services import clearance_lab_approve
    from guomen.labs import services

    inspector, analyst, approver, lab = w["inspector"], w["analyst"], w["approver"], w["lab"]
    tasks = w["tasks"]

    def register(i):
        return services.sample_register(
            task=tasks[i % len(tasks)],
            sample_type="fruit_vegetable",
            quantity="2",
            unit="kg",
            tests=["pesticide_residues"],
            laboratory=lab,
            actor=inspector,
        )

    samples = timed("sample_register", n, register)

    def custody(i):
        s = samples[i]
        services.sample_custody(sample=s, step="sealed", scanned_code=s.number, actor=inspector)
        services.sample_custody(sample=s, step="handed_over", scanned_code=s.number, actor=inspector)
        samples[i] = services.sample_receive_by_code(code=s.number, actor=analyst)

    timed("custody: sealed + handed over + received (3 scans)", n, custody)

    def result(i):
        value, unit = ("80", "μg/kg") if i % 4 == 0 else ("0.01", "mg/kg")
        services.result_enter(
            sample=samples[i],
            test="pesticide_residues",
            analyte="CHLORPYRIFOS",
            value=value,
            unit=unit,
            actor=analyst,
        )

    timed("result_enter (judged against the MRL)", n, result)

    def approve(i):
        services.results_submit(sample=samples[i], actor=analyst)
        clearance_lab_approve(sample=samples[i], actor=approver)

    timed("submit + second-analyst approval (¼ raise a risk signal)", n, approve)
    return samples


def pages(w: dict, samples: list) -> None:
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    from guomen.core.pdf import render_pdf  # noqa: F401  (warm the import before timing)

    client = Client()
    client.force_login(w["inspector"])
    label_times = []
    for s in samples[:20]:
        start = time.perf_counter()
        response = client.get(f"/labs/samples/{s.pk}/label.pdf")
        label_times.append(time.perf_counter() - start)
        assert response.status_code == 200
    percentiles("label PDF", label_times)
    detail_times = []
    for s in samples[:50]:
        start = time.perf_counter()
        client.get(f"/labs/samples/{s.pk}/")
        detail_times.append(time.perf_counter() - start)
    percentiles("sample page (phone)", detail_times)
    client.force_login(w["analyst"])
    queue_times = []
    for _i in range(20):
        start = time.perf_counter()
        client.get("/labs/queue/")
        queue_times.append(time.perf_counter() - start)
    percentiles("lab queue page", queue_times)


def ephyto(w: dict, n: int) -> None:
    from guomen.declarations.ephyto import EphytoRejected, ephyto_import
    from guomen.declarations.ephyto_parse import hub_schema, read_certificate
    from guomen.declarations.tests.ephyto_factories import BILLION_LAUGHS

    data = CERTIFICATE.read_bytes()
    start = time.perf_counter()
    hub_schema()
    print(f"ePhyto hub schema load (once per process): {(time.perf_counter() - start) * 1000:.0f} ms")
    times = []
    for _i in range(n):
        start = time.perf_counter()
        read_certificate(data)
        times.append(time.perf_counter() - start)
    percentiles(f"ePhyto read + validate + extract ({len(data) // 1024} KB certificate)", times)
    times = []
    for i in range(n):
        variant = data.replace(b"<ns1:ID>123ABC</ns1:ID>", f"<ns1:ID>BENCH{i:05d}</ns1:ID>".encode())
        start = time.perf_counter()
        ephyto_import(data=variant, actor=w["inspector"])
        times.append(time.perf_counter() - start)
    percentiles("ePhyto import (store + audit)", times)
    start = time.perf_counter()
    with contextlib.suppress(EphytoRejected):
        ephyto_import(data=BILLION_LAUGHS, actor=w["inspector"])
    print(f"ePhyto billion-laughs refusal: {(time.perf_counter() - start) * 1000:.2f} ms")


def concurrent_numbers(w: dict, threads: int, per_thread: int) -> None:
    from django.db import connections

    from guomen.labs import services

    numbers, failures = [], []
    barrier = threading.Barrier(threads)

    def work():
        try:
            barrier.wait()
            for _i in range(per_thread):
                numbers.append(
                    services.sample_register(
                        task=w["tasks"][0],
                        sample_type="fruit_vegetable",
                        quantity="1",
                        unit="kg",
                        tests=["pest_identification"],
                        laboratory=w["lab"],
                        actor=w["inspector"],
                    ).number
                )
        except Exception as exc:  # reported below
            failures.append(exc)
        finally:
            connections.close_all()

    start = time.perf_counter()
    pool = [threading.Thread(target=work) for _i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    seconds = time.perf_counter() - start
    print(
        f"concurrent registration: {threads} threads × {per_thread} in {seconds:.2f} s — "
        f"{len(set(numbers))} distinct numbers of {len(numbers)}, {len(failures)} failures"
        + "".join(f"\n  failure: {type(e).__name__}: {e}" for e in failures[:3])
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--certificates", type=int, default=30)
    parser.add_argument("--database-url", default="", help="postgres://... to measure on PostgreSQL")
    args = parser.parse_args()
    url = fresh_postgres(args.database_url) if args.database_url else fresh_sqlite("labs")
    guomen(url, "migrate", "--no-input", capture=True)
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from django.db import connection

    print(f"database: {connection.vendor}")
    w = world(min(args.samples, 50))
    samples = lab_path(w, args.samples)
    pages(w, samples)
    ephyto(w, args.certificates)
    if connection.vendor == "postgresql":
        concurrent_numbers(w, threads=8, per_thread=10)


if __name__ == "__main__":
    main()
