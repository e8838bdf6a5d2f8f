"""A new signal clustered and visible: p50/p95 of signal_record (clustering, audit, inbox digest) followed by
the analyst's signal and cluster reads, with a year of earlier signals in the database.

uv run python bench/risk_clustering.py [--postgres URL] [--history 20000] [--signals 300]
Prints figures; asserts nothing.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

from _common import ROOT, fresh_postgres, fresh_sqlite, guomen


def setup(url: str) -> None:
    guomen(url, "migrate", "-v0")
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def world(rng: random.Random, history: int):
    from django.utils import timezone

    from guomen.accounts.choices import OrgKind, Role
    from guomen.accounts.models import OrgUnit, User
    from guomen.catalog.models import CommodityGroup, Country, Hazard
    from guomen.risk.clustering import cluster_attach
    from guomen.risk.models import RiskSignal

    gacc = OrgUnit.objects.create(code="GACC", name="海关总署", kind=OrgKind.GENERAL_BUREAU, path="/GACC/")
    sz = OrgUnit.objects.create(
        code="SZ", name="深圳局", kind=OrgKind.BRANCH_BUREAU, parent=gacc, path="/GACC/SZ/"
    )
    ports = [
        OrgUnit.objects.create(code=c, name=c, kind=OrgKind.PORT, parent=sz, path=f"/GACC/SZ/{c}/")
        for c in ("WJD", "HG", "SK", "DMB")
    ]
    analyst = User.objects.create(username="bench_analyst", role=Role.RISK_ANALYST, org=sz)
    for n in range(3):
        User.objects.create(username=f"bench_analyst_{n}", role=Role.RISK_ANALYST, org=ports[n])
    hazards = [Hazard.objects.create(code=f"H{n}", kind="other", name_zh=f"风险{n}") for n in range(60)]
    countries = [
        Country.objects.create(code=c, alpha3=c + "X", name_en=c)
        for c in ("TH", "VN", "CL", "PE", "AU", "NZ")
    ]
    groups = [
        CommodityGroup.objects.create(code=g, name_zh=g, name_en=g)
        for g in ("fresh_fruit", "vegetables", "aquatic", "meat")
    ]
    today = timezone.localdate()
    signals = [
        RiskSignal(
            source="inspection",
            title=f"历史信号 {n}",
            occurred_on=today - dt.timedelta(days=rng.randint(1, 365)),
            hazard=rng.choice(hazards),
            origin=rng.choice(countries),
            commodity_group=rng.choice(groups),
            org=rng.choice(ports),
        )
        for n in range(history)
    ]
    created = RiskSignal.objects.bulk_create(signals, batch_size=2000)
    for signal in sorted(created, key=lambda s: s.occurred_on):
        cluster_attach(signal)
    return {"ports": ports, "hazards": hazards, "countries": countries, "groups": groups, "analyst": analyst}


def run(*, database_url: str | None, history: int, signals: int) -> dict:
    url = fresh_postgres(database_url) if database_url else fresh_sqlite("risk_clustering")
    setup(url)
    from django.db import connections

    from guomen.risk import selectors
    from guomen.risk.services import signal_record

    rng = random.Random(7)
    w = world(rng, history)
    signal_record(source="lab", title="warm-up", org=w["ports"][0])  # first call loads the URL configuration
    timings = []
    for n in range(signals):
        started = time.perf_counter()
        signal = signal_record(
            source="lab",
            source_ref=f"bench.sample:{n}",
            title=f"新信号 {n}",
            org=rng.choice(w["ports"]),
            hazard=rng.choice(w["hazards"]),
            origin=rng.choice(w["countries"]),
            commodity_group=rng.choice(w["groups"]),
        )
        seen = selectors.signal_get(user=w["analyst"], pk=signal.pk)
        selectors.cluster_get(user=w["analyst"], pk=seen.cluster_id)
        timings.append((time.perf_counter() - started) * 1000)
    connections.close_all()
    timings.sort()
    return {
        "engine": "PostgreSQL" if database_url else "SQLite",
        "history": history,
        "signals": signals,
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "max_ms": timings[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres")
    parser.add_argument("--history", type=int, default=20000)
    parser.add_argument("--signals", type=int, default=300)
    options = parser.parse_args()
    r = run(database_url=options.postgres, history=options.history, signals=options.signals)
    print(
        f"new signal clustered and visible ({r['engine']}, {r['history']:,} earlier signals, {r['signals']} new): "
        f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, max {r['max_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
