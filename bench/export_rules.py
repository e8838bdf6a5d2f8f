"""Release rules over the export chain: the statements and time the batch facts add to an export declaration.

Runs against an existing demo database (GUOMEN_DATABASE_URL or --database-url; `guomen seed-demo` first). For every
export declaration that names production batches, times facts_load + evaluate and counts its SQL statements, and
compares with the same declaration's count without its batches. Then, in a transaction that is rolled back, names
20 more batches on one declaration and counts again: the statements must stay the same.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def _evaluated(connection, declaration, task):
    from guomen.clearance.facts import facts_load
    from guomen.clearance.rules import evaluate

    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        broken = evaluate(facts_load(declaration, task=task))
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(statements), broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("GUOMEN_DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    if args.database_url:
        os.environ["GUOMEN_DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from django.db import connection, transaction

    from guomen.declarations.models import Declaration
    from guomen.exports.models import DeclarationBatch, ProductionBatch
    from guomen.inspections.models import InspectionTask

    ids = set(DeclarationBatch.objects.values_list("declaration_id", flat=True))
    declarations = list(
        Declaration.objects.filter(pk__in=ids).select_related("declarant", "consignee", "port")
    )
    if not declarations:
        raise SystemExit("no export declaration names a batch: seed a demo first")
    times, counts = [], []
    for _round in range(args.repeat):
        for d in declarations:
            task = InspectionTask.objects.filter(declaration=d).order_by("-id").first()
            elapsed, statements, _broken = _evaluated(connection, d, task)
            times.append(elapsed)
            counts.append(statements)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"database: {connection.vendor}, {len(declarations)} export declarations with batches × {args.repeat}"
    )
    print(
        f"release rules per confirmation: p50 {statistics.median(times):.2f} ms, p95 {p95:.2f} ms, "
        f"statements {min(counts)}–{max(counts)}"
    )
    d = declarations[0]
    task = InspectionTask.objects.filter(declaration=d).order_by("-id").first()
    with transaction.atomic():
        _e, with_batches, _b = _evaluated(connection, d, task)
        DeclarationBatch.objects.filter(declaration=d).delete()
        _e, without, _b = _evaluated(connection, d, task)
        template = ProductionBatch.objects.order_by("id").first()
        for i in range(20):
            template.pk, template.number = None, f"BENCH{i:04d}"
            template.save(force_insert=True)
            DeclarationBatch.objects.create(declaration=d, batch=template)
        _e, twenty, broken = _evaluated(connection, d, task)
        transaction.set_rollback(True)
    print(
        f"statements for one export declaration: {with_batches} with its batches, {without} without, "
        f"{twenty} with 20 batches (rolled back; rules broken: {', '.join(b.code for b in broken) or 'none'})"
    )


if __name__ == "__main__":
    main()
