"""Public portal pages: server time (request in, response out) with the large demo data.

uv run python bench/portal_pages.py [--rounds 50] [--source var/bench/large.sqlite3] [--refresh]

Takes a consistent copy of the large demo database (built once with `migrate` + `seed-demo
--size large`, shared with other benches) into var/bench/portal-large.sqlite3, adds the portal,
complaints and documents demo data if the copy lacks them, then times each public page through
Django's test client in this process — all middleware, views, queries and templates, no network.
Prints figures; asserts nothing.
"""

import argparse
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from _common import BENCH_DIR, guomen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def copy_database(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        if not src.execute("SELECT 1 FROM core_auditevent WHERE verb = 'demo.seed' LIMIT 1").fetchone():
            raise SystemExit(f"{source} is not a complete demo database (no demo.seed event); build it first")
        src.backup(dst)


def add_demo_data() -> dict:
    from guomen.accounts.models import OrgUnit, User
    from guomen.complaints.demo import seed_demo as complaints_demo
    from guomen.demo.masterdata import Bureau
    from guomen.documents.demo import seed_demo as documents_demo
    from guomen.portal.demo import seed_demo as portal_demo
    from guomen.portal.models import PublicDecision

    if PublicDecision.objects.exists():
        return {}
    bureau = Bureau(
        orgs={o.code: o for o in OrgUnit.objects.all()},
        user_ids=dict(User.objects.values_list("username", "pk")),
        admin=User.objects.filter(role="administrator").order_by("pk").first(),
    )
    rng = random.Random(2025)
    counts = {}
    for seed in (documents_demo, portal_demo, complaints_demo):
        counts.update(seed(bureau, rng))
    return counts


def pages() -> list[tuple[str, str, str, dict]]:
    """(label, method, path, data) for every public page, with real ids from the database."""
    from guomen.catalog.models import ImportRequirement
    from guomen.complaints.models import Complaint
    from guomen.declarations.models import Declaration
    from guomen.documents.models import Document
    from guomen.portal.models import PublicDecision
    from guomen.registry.models import Enterprise

    decision = PublicDecision.objects.filter(published=True).first()
    requirement = (
        ImportRequirement.objects.filter(hs_id="081060", origin_id="TH").first()
        or ImportRequirement.objects.first()
    )
    declaration = Declaration.objects.order_by("-id").values("number", "verification_code").first()
    complaint = Complaint.objects.filter(status="closed").first() or Complaint.objects.first()
    document = Document.objects.filter(public=True).first()
    firm = Enterprise.objects.order_by("id").first()
    return [
        ("home", "get", "/public/", {}),
        ("consumer warnings", "get", "/public/warnings/", {}),
        ("spot-check results", "get", "/public/spot-checks/", {}),
        ("blacklist", "get", "/public/blacklist/", {}),
        ("credit lookup by name", "get", "/public/credit/", {"q": firm.name_zh[:6]}),
        ("credit lookup by code", "get", "/public/credit/", {"q": firm.uscc}),
        ("decisions", "get", "/public/decisions/", {}),
        ("decisions search", "get", "/public/decisions/", {"q": "深关"}),
        ("decision", "get", f"/public/decisions/{decision.pk}/", {}),
        ("import requirements", "get", "/public/requirements/", {"commodity": "榴莲"}),
        ("import requirement + documents", "get", f"/public/requirements/{requirement.pk}/", {}),
        ("public document", "get", f"/public/documents/{document.pk}/", {}),
        ("consignment status (1M declarations)", "post", "/public/consignment/",
         {"number": declaration["number"], "code": declaration["verification_code"]}),
        ("complaint form", "get", "/complaints/submit/", {}),
        ("complaint tracking", "get", f"/complaints/track/{complaint.tracking_code}/", {}),
    ]  # fmt: skip


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def run(rounds: int = 50, source: Path | None = None, refresh: bool = False) -> dict:
    source = source or BENCH_DIR / "large.sqlite3"
    target = BENCH_DIR / "portal-large.sqlite3"
    if refresh or not target.exists():
        started = time.perf_counter()
        target.unlink(missing_ok=True)
        copy_database(source, target)
        print(f"copied {source.name} in {time.perf_counter() - started:.0f} s")
    url = f"sqlite:///{target}"
    guomen(url, "migrate", "-v0")
    os.environ.update(
        GUOMEN_DATABASE_URL=url, DJANGO_SETTINGS_MODULE="guomen.settings.base", GUOMEN_DEBUG="0"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from guomen.declarations.models import Declaration

    settings.GUOMEN_RATE_LIMITS = {
        k: (10**9, 60) for k in ("complaint_submit", "complaint_track", "consignment_lookup")
    }
    added = add_demo_data()
    if added:
        print("added demo data:", added)
    print(f"declarations in the database: {Declaration.objects.count():,}")
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    rows, every = [], []
    for label, method, path, data in pages():
        getattr(client, method)(path, data)
        samples, status = [], 0
        for _i in range(rounds):
            t = time.perf_counter()
            response = getattr(client, method)(path, data)
            samples.append((time.perf_counter() - t) * 1000)
            status = response.status_code
        every += samples
        rows.append((label, path, status, statistics.median(samples), percentile(samples, 95)))
    print("\n| page | path | status | p50 ms | p95 ms |\n|---|---|---|---|---|")
    for label, path, status, p50, p95 in rows:
        print(f"| {label} | {path} | {status} | {p50:.1f} | {p95:.1f} |")
    summary = {"p50_ms": statistics.median(every), "p95_ms": percentile(every, 95),
               "worst_page_p95_ms": max(r[4] for r in rows)}  # fmt: skip
    print(f"\nall public pages: p50 {summary['p50_ms']:.1f} ms, p95 {summary['p95_ms']:.1f} ms, worst page p95 "
          f"{summary['worst_page_p95_ms']:.1f} ms; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument(
        "--source", type=Path, help="the large demo database (default var/bench/large.sqlite3)"
    )
    parser.add_argument("--refresh", action="store_true", help="copy the source again")
    options = parser.parse_args()
    run(options.rounds, options.source, options.refresh)


if __name__ == "__main__":
    main()
