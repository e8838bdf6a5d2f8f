"""The full-text index: an FTS5 table on SQLite, a tsvector table with a GIN index on PostgreSQL."""

from django.db import migrations

from ._vendor import VendorRunSQL

SQLITE_UP = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "index_title, index_body, content='documents_document', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS documents_fts"]
POSTGRES_UP = [
    "CREATE TABLE documents_search ("
    "document_id bigint PRIMARY KEY REFERENCES documents_document(id) ON DELETE CASCADE "
    "DEFERRABLE INITIALLY DEFERRED, tsv tsvector NOT NULL)",
    "CREATE INDEX documents_search_tsv_gin ON documents_search USING GIN (tsv)",
]
POSTGRES_DOWN = ["DROP TABLE IF EXISTS documents_search"]


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        VendorRunSQL("sqlite", SQLITE_UP, SQLITE_DOWN),
        VendorRunSQL("postgresql", POSTGRES_UP, POSTGRES_DOWN),
    ]
