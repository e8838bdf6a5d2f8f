"""Search quality on the judged test collection (documents/tests/collection): nDCG@5 and recall@10 per query
and on average, into a fresh database.

uv run python bench/documents_relevance.py [--postgres postgres://postgres@127.0.0.1:5432/guomen_bench_rel] [-v]
Prints figures; asserts nothing.
"""

import argparse
import os
import sys

from _common import ROOT, fresh_postgres, fresh_sqlite, guomen


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the ranking of every query")
    options = parser.parse_args()
    url = fresh_postgres(options.postgres) if options.postgres else fresh_sqlite("documents_relevance")
    guomen(url, "migrate", "-v0")
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from guomen.documents.relevance import evaluate, load_collection

    spec, key_of = load_collection()
    result = evaluate(spec, key_of)
    engine = "PostgreSQL" if options.postgres else "SQLite"
    for q in result.queries:
        print(f"  {q.query:<12} nDCG@5 {q.ndcg5:.2f}  recall@10 {q.recall10:.2f}")
        if options.verbose:
            print("      " + " | ".join(q.ranked[:10]))
    print(
        f"documents relevance ({engine}, {len(key_of)} documents, {len(result.queries)} queries): "
        f"nDCG@5 {result.ndcg5:.3f}, recall@10 {result.recall10:.3f}"
    )


if __name__ == "__main__":
    main()
