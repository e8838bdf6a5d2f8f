from django.core.management.base import BaseCommand

from guomen.documents.models import Document
from guomen.documents.search import document_index


class Command(BaseCommand):
    help = "Rebuild the full-text index entry (jieba tokens and FTS5/tsvector row) of every document."

    def handle(self, *args, **options):
        count = 0
        for pk in Document.objects.order_by("pk").values_list("pk", flat=True).iterator():
            document_index(Document.objects.get(pk=pk))
            count += 1
        self.stdout.write(f"re-indexed {count} documents")
