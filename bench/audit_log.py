"""The audit log at scale: concurrent writers without a shared lock, sealing, full and incremental verification.

    uv run python bench/audit_log.py writers --database-url postgres://postgres@127.0.0.1:5432/guomen_bench_audit
    uv run python bench/audit_log.py verify --events 200000 [--database-url postgres://…]

`writers`: 8 threads (own connections) each append audit events in transactions that stay open a few
milliseconds, as a service's would; a sampler reads pg_stat_activity and pg_locks every 5 ms and counts the
samples in which a writer waited on a lock. Bounded: 8 × 200 transactions.

`verify`: writes --events events in bulk (unsealed, as writers leave them), seals them (timed), runs a full
verification (timed), appends 1,000 more, seals them and runs an incremental verification (timed). The database
is created afresh (a SQLite file under var/bench/ by default); the key and checkpoint file live under var/bench/.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, fresh_postgres, fresh_sqlite

WRITERS = 8
TRANSACTIONS = 200
EVENTS_PER_TRANSACTION = 4


def setup_django(url: str) -> None:
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    anchor = BENCH_DIR / "audit-anchor"
    for name in ("checkpoint.key", "checkpoints.jsonl"):
        (anchor / name).unlink(missing_ok=True)
    os.environ["GUOMEN_AUDIT_KEY_FILE"] = str(anchor / "checkpoint.key")
    os.environ["GUOMEN_AUDIT_CHECKPOINT_FILE"] = str(anchor / "checkpoints.jsonl")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def writers(url: str) -> None:
    setup_django(fresh_postgres(url))
    from django.db import connection, transaction

    from guomen.core.models import AuditEvent
    from guomen.core.services import audit_record

    done = threading.Event()
    samples = {"n": 0, "lock_waits": 0, "max_waiting": 0, "waits_on_audit": 0}
    latencies: list[float] = []
    lock = threading.Lock()

    def sampler():
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            while not done.is_set():
                waiting = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                ).fetchone()[0]
                audit_waits = conn.execute(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "WHERE NOT l.granted AND c.relname LIKE 'core_audit%%'"
                ).fetchone()[0]
                samples["n"] += 1
                samples["lock_waits"] += bool(waiting)
                samples["waits_on_audit"] += bool(audit_waits)
                samples["max_waiting"] = max(samples["max_waiting"], waiting)
                time.sleep(0.005)

    def writer(w: int):
        try:
            for t in range(TRANSACTIONS):
                started = time.perf_counter()
                with transaction.atomic():
                    for e in range(EVENTS_PER_TRANSACTION):
                        audit_record(
                            actor=None,
                            verb="bench.write",
                            object_type="bench.thing",
                            object_id=f"{w}-{t}-{e}",
                            org_path=f"/GACC/B{w}/",
                            after={"n": e},
                        )
                    time.sleep(0.002)  # the rest of the service's transaction
                with lock:
                    latencies.append(time.perf_counter() - started)
        finally:
            connection.close()

    probe = threading.Thread(target=sampler)
    probe.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    done.set()
    probe.join()
    ordered = sorted(latencies)
    events = AuditEvent.objects.count()
    print(
        f"{WRITERS} writers × {TRANSACTIONS} transactions × {EVENTS_PER_TRANSACTION} events on PostgreSQL: "
        f"{events} events in {wall:.2f} s ({events / wall:,.0f} events/s, {len(ordered) / wall:,.0f} transactions/s); "
        f"transaction p50 {1000 * statistics.median(ordered):.1f} ms, "
        f"p99 {1000 * ordered[int(len(ordered) * 0.99)]:.1f} ms"
    )
    print(
        f"pg_stat_activity/pg_locks sampled {samples['n']} times: samples with a writer waiting on a lock "
        f"{samples['lock_waits']}, with an ungranted lock on an audit table {samples['waits_on_audit']}, "
        f"most writers waiting at once {samples['max_waiting']}"
    )


def verify(url: str | None, events: int) -> None:
    setup_django(fresh_postgres(url) if url else fresh_sqlite("audit-log"))
    from django.utils import timezone

    from guomen.core.audit import audit_seal_all, audit_verify
    from guomen.core.models import AuditEvent

    now = timezone.now()
    batch = []
    started = time.perf_counter()
    for i in range(events):
        batch.append(
            AuditEvent(
                at=now,
                actor_label="bench",
                verb="declaration.submitted",
                object_type="declarations.declaration",
                object_id=str(i),
                object_repr=f"WJD2026120{i:06d}",
                org_path="/GACC/SZ/WJD/",
                after={"status": "submitted", "n": i},
                reason="",
            )
        )
        if len(batch) == 5000:
            AuditEvent.objects.bulk_create(batch)
            batch = []
    AuditEvent.objects.bulk_create(batch)
    print(f"{events:,} events written in bulk in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    checkpoints = audit_seal_all()
    seal = time.perf_counter() - started
    print(f"sealed in {seal:.1f} s ({events / seal:,.0f} events/s, {checkpoints} checkpoints)")
    started = time.perf_counter()
    result = audit_verify(full=True)
    full = time.perf_counter() - started
    print(
        f"full verification: {result.checked:,} events in {full:.1f} s ({result.checked / full:,.0f} events/s), "
        f"intact={result.intact}"
    )
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=now, actor_label="bench", verb="bench.more", object_type="bench.thing", object_id=str(i)
            )
            for i in range(1000)
        ]
    )
    audit_seal_all()
    started = time.perf_counter()
    result = audit_verify()
    incremental = time.perf_counter() - started
    print(
        f"incremental verification: {result.checked:,} new events after position {result.start:,} in "
        f"{incremental:.2f} s, intact={result.intact}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["writers", "verify"])
    parser.add_argument("--database-url", help="postgres:// URL (dropped and created); writers needs one")
    parser.add_argument("--events", type=int, default=200_000, help="events for verify (at most 2,000,000)")
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    if options.what == "writers":
        if not options.database_url:
            raise SystemExit("writers needs --database-url postgres://…")
        writers(options.database_url)
    else:
        verify(options.database_url, max(1000, min(options.events, 2_000_000)))


if __name__ == "__main__":
    main()
