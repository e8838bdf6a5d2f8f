"""Release rules: what evaluating them adds to a confirmation, and whether their queries grow with the size.

Runs against an existing demo database (GUOMEN_DATABASE_URL or --database-url; `make demo` or
`guomen seed-demo --size large` first). For every task awaiting confirmation or closed (up to --tasks), times
facts_load + evaluate (what clearance_confirm adds before it writes) and counts its SQL statements. Then, in a
transaction that is rolled back, gives one task's declaration 20 more documents and 10 more samples and counts
again: the statements must stay the same (no N+1).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


class Count:
    """Counts the statements sent while it is installed (connection.execute_wrapper)."""

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def _evaluated(connection, task) -> tuple[float, int]:
    from guomen.clearance.facts import facts_load
    from guomen.clearance.rules import evaluate

    counter = Count()
    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        evaluate(facts_load(task.declaration, task=task))
        return (time.perf_counter() - start) * 1000, counter.n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("GUOMEN_DATABASE_URL", ""))
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.database_url:
        os.environ["GUOMEN_DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from django.db import connection, transaction

    from guomen.declarations.models import Declaration, DeclarationDocument
    from guomen.inspections.models import InspectionTask
    from guomen.labs.models import Sample

    tasks = list(
        InspectionTask.objects.filter(status__in=("awaiting_confirmation", "closed"))
        .select_related("declaration__port", "declaration__declarant", "declaration__consignee", "port")
        .order_by("-id")[: args.tasks]
    )
    if not tasks:
        raise SystemExit("no task awaiting confirmation or closed: seed a demo first")
    times, queries = [], []
    for _round in range(args.repeat):
        for task in tasks:
            elapsed, statements = _evaluated(connection, task)
            times.append(elapsed)
            queries.append(statements)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"database: {connection.vendor}, {Declaration.objects.count():,} declarations, {len(tasks)} tasks × {args.repeat}"
    )
    print(
        f"release rules per confirmation: p50 {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, "
        f"statements {min(queries)}–{max(queries)}"
    )

    task = next(
        (t for t in tasks if Sample.objects.filter(declaration_id=t.declaration_id).exists()), tasks[0]
    )
    with transaction.atomic():
        _elapsed, before = _evaluated(connection, task)
        DeclarationDocument.objects.bulk_create(
            DeclarationDocument(declaration_id=task.declaration_id, type="other", number=f"BENCH-{i}")
            for i in range(20)
        )
        template = Sample.objects.filter(declaration_id=task.declaration_id).first()
        if template is not None:
            for i in range(10):
                template.pk, template.number = None, f"BENCH{i:04d}{template.number}"[:30]
                template.save(force_insert=True)
        _elapsed, after = _evaluated(connection, task)
        transaction.set_rollback(True)
    print(
        f"statements for one declaration: {before}, with 20 more documents and "
        f"{10 if template is not None else 0} more samples: {after} (rolled back)"
    )


if __name__ == "__main__":
    main()
