from django.core.management.base import BaseCommand

from guomen.documents.indexing import document_reindex_one
from guomen.documents.models import Document


class Command(BaseCommand):
    help = (
        "Rebuild the full-text index entries of every document, here and now: an indexed document from "
        "its stored text (jieba tokens and the FTS5/tsvector row); one waiting, stuck or failed is "
        "extracted from its file and indexed. With --queue, hand every document to the worker instead "
        "(its file is read again) and return at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="queue one indexing task per document for `guomen worker`"
        )

    def handle(self, *args, **options):
        counts: dict[str, int] = {}
        for pk in Document.objects.order_by("pk").values_list("pk", flat=True).iterator():
            outcome = document_reindex_one(pk, queue=options["queue"])
            counts[outcome] = counts.get(outcome, 0) + 1
        total = sum(counts.values())
        detail = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
        verb = "queued" if options["queue"] else "re-indexed"
        self.stdout.write(f"{verb} {total} documents" + (f" ({detail})" if detail else ""))
