"""Targeting speed on the large demo data: one decision (p50/p99) and batch scoring throughput.

Uses var/bench/targeting-large.sqlite3, a copy of var/bench/large.sqlite3 (build that once with
`GUOMEN_DATABASE_URL=sqlite:////…/var/bench/large.sqlite3 uv run guomen seed-demo --size large`), migrated,
with the decision statistics rebuilt and a model trained and promoted (done here when missing).
Run: uv run python bench/targeting_decide.py [--n 2000]
     uv run python bench/targeting_decide.py --database-url postgres://postgres@127.0.0.1:5432/guomen_bench_decide
     (a PostgreSQL database holding the large demo: `guomen seed-demo --size large` into it first)
"""

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, guomen

SOURCE = BENCH_DIR / "large.sqlite3"
TARGET = BENCH_DIR / "targeting-large.sqlite3"
URL = f"sqlite:///{TARGET}"


def prepare(url: str = URL) -> None:
    if url == URL and not TARGET.exists():
        if not SOURCE.exists():
            raise SystemExit(f"{SOURCE} is missing: build the large demo database first (see the docstring)")
        shutil.copyfile(SOURCE, TARGET)
    guomen(url, "migrate", "-v0")
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from guomen.targeting.models import OutcomeStat, RiskModel

    if not OutcomeStat.objects.exists():
        guomen(url, "risk", "stats")
    if not RiskModel.objects.filter(status="live").exists():
        from django.utils import timezone

        today = timezone.localdate()
        guomen(
            url,
            "risk",
            "train",
            "--from",
            str(today.replace(year=today.year - 1)),
            "--to",
            str(today),
            "--promote",
        )


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def single(n: int) -> None:
    from django.db import transaction

    from guomen.declarations.models import Declaration
    from guomen.targeting.engine import evaluate, facts_for
    from guomen.targeting.services import decide

    ids = list(Declaration.objects.order_by("-id").values_list("id", flat=True)[: n + 50])
    qs = Declaration.objects.select_related("port", "declarant", "consignee", "origin_country")
    evaluate(facts_for(qs.get(pk=ids[-1])))  # load the model once
    read, cpu, full = [], [], []
    for pk in ids[:n]:
        declaration = qs.get(pk=pk)
        started, started_cpu = time.perf_counter(), time.process_time()
        ev = evaluate(facts_for(declaration))
        read.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    for pk in ids[: n // 4]:
        declaration = qs.get(pk=pk)
        with transaction.atomic():
            declaration.decision.delete()
            started = time.perf_counter()
            decide(declaration=declaration, actor=None)
            full.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    print(f"one decision, features read from the database + rules + model (n={len(read)}): "
          f"p50 {pct(read, 50):.2f} ms, p99 {pct(read, 99):.2f} ms wall; CPU time p50 {pct(cpu, 50):.2f} ms, "
          f"p99 {pct(cpu, 99):.2f} ms; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
          f"last decided_by {ev.decided_by}")  # fmt: skip
    print(f"decide() with its writes and audit entry (n={len(full)}, rolled back): "
          f"p50 {pct(full, 50):.2f} ms, p99 {pct(full, 99):.2f} ms")  # fmt: skip


def batch() -> None:
    import polars as pl

    from guomen.targeting import features_batch, learner, runtime

    started = time.perf_counter()
    data = features_batch.load_history()
    loaded_s = time.perf_counter() - started
    model = runtime.live_model()
    frame = data["declarations"]
    started = time.perf_counter()
    features = features_batch.feature_frame(data, frame)
    features_s = time.perf_counter() - started
    started = time.perf_counter()
    score = learner.calibrate(
        model.booster.predict(learner.encode(features, model.meta), num_threads=1), model.meta
    )
    score_s = time.perf_counter() - started
    n = features.height
    print(f"batch: {n} declarations; read from the database {loaded_s:.1f} s; features (as-of, Polars) "
          f"{features_s:.1f} s; encode + score {score_s:.1f} s → {n / (features_s + score_s):,.0f} declarations/s "
          f"(features + scoring), {n / score_s:,.0f}/s scoring alone")  # fmt: skip
    assert len(score) == n and pl is not None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--database-url", default=URL, help="default: the SQLite copy under var/bench/")
    args = parser.parse_args()
    prepare(args.database_url)
    single(args.n)
    batch()


if __name__ == "__main__":
    main()
