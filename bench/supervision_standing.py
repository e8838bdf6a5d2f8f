"""Recompute classes and credit grades for 100,000 enterprises, and a double-random draw over them.

uv run python bench/supervision_standing.py [--enterprises 100000] [--declarations 300000]

Builds a scratch SQLite file under var/bench/ (migrate, then bulk-insert enterprises, two years of
declarations with outcomes, credit events and a few blacklistings), then times:
  recompute   supervision.services.recompute() over every enterprise (twice: first run changes most rows,
              the second is the steady nightly case where few change)
  draw        supervision.draw.select() over the 100,000-enterprise directory (uniform and risk-weighted),
              and the whole plan_draw service (population query, selection, two inspectors, tasks) for 200
"""

import argparse
import datetime as dt
import os
import random
import sys
import time

from _common import ROOT, fresh_sqlite, guomen


def build(n_enterprises: int, n_declarations: int) -> None:
    from django.utils import timezone

    from guomen.accounts.models import OrgUnit, User
    from guomen.catalog.models import Country
    from guomen.core.testing import make_uscc
    from guomen.declarations.models import Declaration
    from guomen.registry.models import Enterprise
    from guomen.supervision.models import BlacklistEntry, CreditEvent

    rng = random.Random(7)
    root = OrgUnit.objects.create(code="GACC", name="海关总署", kind="general", path="/GACC/")
    sz = OrgUnit.objects.create(code="SZ", name="深圳局", kind="branch", parent=root, path="/GACC/SZ/")
    ports = [
        OrgUnit.objects.create(code=c, name=c, kind="port", parent=sz, path=f"/GACC/SZ/{c}/")
        for c in ("WJD", "HG", "SK")
    ]
    for i in range(30):
        User.objects.create(username=f"insp{i:02d}", role="inspector", org=ports[i % 3])
    th = Country.objects.create(code="TH", alpha3="THA", name_en="Thailand")
    today = timezone.localdate()
    kinds = ["importer", "exporter", "producer", "agent", "cold_store", "packhouse"]
    Enterprise.objects.bulk_create(
        (Enterprise(uscc=make_uscc(i + 1), name_zh=f"企业{i}", kind=kinds[i % 6], org=ports[i % 3],
                    qms_certified=rng.random() < 0.4, haccp_certified=rng.random() < 0.2,
                    filed_on=today - dt.timedelta(days=rng.randint(0, 3000)))
         for i in range(n_enterprises)), batch_size=5000,
    )  # fmt: skip
    ids = list(Enterprise.objects.values_list("id", flat=True))
    now = timezone.now()
    batch = []
    for i in range(n_declarations):
        day = rng.randint(0, 700)
        batch.append(Declaration(
            number=f"B{i:010d}", direction="import", status="released", port=ports[i % 3],
            declarant_id=ids[rng.randrange(len(ids))], origin_country=th, transport="truck",
            arrival_date=today - dt.timedelta(days=day), submitted_at=now - dt.timedelta(days=day),
            verification_code="X", outcome="non_conforming" if rng.random() < 0.04 else "conforming",
        ))  # fmt: skip
        if len(batch) == 10000:
            Declaration.objects.bulk_create(batch)
            batch = []
    Declaration.objects.bulk_create(batch)
    CreditEvent.objects.bulk_create(
        (CreditEvent(enterprise_id=ids[rng.randrange(len(ids))], kind="violation", severity="general", points=-5,
                     occurred_on=today - dt.timedelta(days=rng.randint(0, 700)), description="x", evidence="e")
         for _ in range(n_enterprises // 5)), batch_size=5000,
    )  # fmt: skip
    BlacklistEntry.objects.bulk_create(
        BlacklistEntry(enterprise_id=eid, status="listed", reason="x", listed_at=now)
        for eid in ids[:: max(1, len(ids) // 100)]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--declarations", type=int, default=300_000)
    args = parser.parse_args()
    url = fresh_sqlite("supervision")
    guomen(url, "migrate", "--noinput", "-v", "0")
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ["GUOMEN_DEBUG"] = "0"  # as in production: no query log
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from guomen.accounts.models import OrgUnit
    from guomen.supervision import draw, services
    from guomen.supervision.models import SpotCheckPlan
    from guomen.supervision.services.spotcheck import population, risk_weights
    from guomen.supervision.services.standing import ruleset_get

    started = time.perf_counter()
    build(args.enterprises, args.declarations)
    print(
        f"built {args.enterprises:,} enterprises, {args.declarations:,} declarations in {time.perf_counter() - started:.1f} s"
    )
    for label in ("recompute (first run)", "recompute (steady state)"):
        t = time.perf_counter()
        run = services.recompute()
        print(
            f"{label}: {run.enterprises:,} enterprises, {run.class_changes:,} class and {run.grade_changes:,} grade changes in {time.perf_counter() - t:.2f} s"
        )
    from guomen.supervision.models import CreditDowngrade

    print(f"downgrades to D waiting for a second supervisor: {CreditDowngrade.objects.count():,}")
    sz = OrgUnit.objects.get(code="SZ")
    plan = SpotCheckPlan(
        name="bench", org=sz, sample_count=200, starts_on=dt.date.today(), ends_on=dt.date.today()
    )
    plan.save()
    t = time.perf_counter()
    rows = list(population(plan))
    t_pop = time.perf_counter() - t
    t = time.perf_counter()
    picked = draw.select(len(rows), 2000, 12345)
    t_uniform = time.perf_counter() - t
    t = time.perf_counter()
    draw.select(len(rows), 2000, 12345, risk_weights(rows, ruleset_get("spot_check")))
    t_weighted = time.perf_counter() - t
    print(
        f"draw over {len(rows):,} enterprises: directory query {t_pop:.3f} s, select 2,000 uniform {t_uniform * 1000:.1f} ms, "
        f"risk-weighted {t_weighted * 1000:.1f} ms ({len(picked)} picked)"
    )
    from guomen.accounts.models import User

    planner = User.objects.create(username="bench_supervisor", role="supervisor", org=sz)
    t = time.perf_counter()
    services.plan_draw(plan=plan, seed=2026, actor=planner)
    print(
        f"plan_draw service (directory, select 200, two inspectors each, tasks and checklists): {time.perf_counter() - t:.2f} s"
    )


if __name__ == "__main__":
    main()
