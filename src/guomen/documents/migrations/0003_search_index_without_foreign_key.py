"""PostgreSQL: the search table no longer references documents by a foreign key.

Django's flush (used between transactional tests) truncates the tables it knows; a foreign key
from this unmanaged table made that fail. The search service joins on the documents table, so an
entry without its document is never shown, and re-indexing replaces an entry in place.
"""

from django.db import migrations

from ._vendor import VendorRunSQL


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_search_index")]

    operations = [
        VendorRunSQL(
            "postgresql",
            ["ALTER TABLE documents_search DROP CONSTRAINT IF EXISTS documents_search_document_id_fkey"],
            [
                "ALTER TABLE documents_search ADD CONSTRAINT documents_search_document_id_fkey FOREIGN KEY "
                "(document_id) REFERENCES documents_document(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
            ],
        )
    ]
