"""The full-text index: an FTS5 table on SQLite, a tsvector table with a GIN index on PostgreSQL."""

from django.db import migrations

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


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that only runs on one database vendor (the other vendor's index is built by its own SQL)."""

    def __init__(self, vendor, sql, reverse_sql):
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def deconstruct(self):
        name, _args, kwargs = super().deconstruct()
        return name, [self.vendor, kwargs.pop("sql"), kwargs.pop("reverse_sql")], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        VendorRunSQL("sqlite", SQLITE_UP, SQLITE_DOWN),
        VendorRunSQL("postgresql", POSTGRES_UP, POSTGRES_DOWN),
    ]
