"""Fast inserts of plain tuples into a model's table: executemany on SQLite, COPY on PostgreSQL.

The history generator produces millions of rows; building model instances for each would cost
more than the database work. Columns come from the model's own field definitions, so the rows
stay exactly what the ORM would have written.
"""

import datetime as dt
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, models


class TableWriter:
    """Buffer rows for one table and write them in large batches."""

    def __init__(self, model: type[models.Model], fields: list[str], batch_size: int = 20000):
        meta = model._meta
        self.model = model
        self.table = meta.db_table
        self.columns = [meta.get_field(name).column for name in fields]
        # Columns the generator does not know (added to the model later) get the field's own default.
        self.defaults = tuple(
            f.get_db_prep_save(f.get_default(), connection)
            for f in meta.concrete_fields
            if f.column not in self.columns and not f.primary_key and f.has_default()
        )
        self.columns += [
            f.column
            for f in meta.concrete_fields
            if f.column not in self.columns and not f.primary_key and f.has_default()
        ]
        self.batch_size = batch_size
        self.rows: list[tuple] = []
        self.written = 0
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        self._copy_sql = f"COPY {connection.ops.quote_name(self.table)} ({quoted}) FROM STDIN"
        marks = ", ".join(["?" if connection.vendor == "sqlite" else "%s"] * len(self.columns))
        self._insert_sql = f"INSERT INTO {connection.ops.quote_name(self.table)} ({quoted}) VALUES ({marks})"

    def add(self, row: tuple) -> None:
        self.rows.append(row + self.defaults if self.defaults else row)
        if len(self.rows) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            raw = connection.connection.cursor()
            try:
                raw.executemany(self._insert_sql, rows)
            finally:
                raw.close()
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.cursor.copy(self._copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            with connection.cursor() as cursor:
                cursor.executemany(self._insert_sql, rows)
        self.written += len(rows)


@contextmanager
def secondary_indexes_deferred(writers, *, enabled: bool = True):
    """On PostgreSQL, load the writers' tables without their secondary indexes and foreign keys, then build
    them once over the loaded rows (SQLite: nothing changes).

    Keeping twenty-odd indexes of the declaration table up to date row by row and checking every foreign key of
    every row as it is copied cost most of a large seed's time; one CREATE INDEX per index and one validating
    join per foreign key at the end cost a fraction. Unique indexes and primary keys stay in place. The exact
    definitions are read from the catalogue first and restored even if the load fails.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block or not enabled:
        yield  # SQLite, a small seed, or inside a caller's transaction (tests): load with everything in place
        return
    tables = sorted({writer.table for writer in writers})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
            [tables],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            for table, name, definition in foreign_keys:
                cursor.execute(
                    f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
                )
            cursor.execute("RESET maintenance_work_mem")


def next_id(model: type[models.Model]) -> int:
    """The first free primary key of a table (rows are written with explicit ids)."""
    top = model.objects.aggregate(top=models.Max("pk"))["top"]
    return (top or 0) + 1


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    """After explicit ids, move PostgreSQL's sequences past them (SQLite follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze(writers) -> None:
    """Refresh PostgreSQL's planner statistics of the tables just written.

    Without them the planner still believes the tables are nearly empty until autovacuum comes round, and
    the statistics the demo builds next (one pass over a million declarations) choose plans that take many
    minutes instead of seconds. SQLite's planner does not need this here.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in sorted({writer.table for writer in writers}):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def datetime_text(moment: dt.datetime) -> str:
    """A UTC timestamp as the database stores it (with an explicit offset for PostgreSQL)."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S")
    return text + "+00:00" if connection.vendor == "postgresql" else text
