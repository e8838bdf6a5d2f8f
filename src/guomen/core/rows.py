"""Row writes on the hot path (intake, notifications, the audit log, every workflow step): statements whose SQL
text is built once per shape and process.

Django builds the text of every statement anew: for one declaration that was most of the time the intake spent
in Python. `insert(objs)` writes the same columns `bulk_create` writes — each field's value through its own
`pre_save` and `get_db_prep_save`, so defaults, auto_now dates, JSON, decimals and time zones are stored as the ORM
stores them — and sets the primary keys the database returns. Like `bulk_create` it sends no save signals, so
use it only for models without save receivers. A model with parents, a generated field or a value that is an
expression goes through `bulk_create` instead (same outcome, the slower path). `update_versioned(obj, …)` is the
compare-and-set a workflow step makes (`core.workflow.transition`): the row moves only if its version and status
are still those read.
"""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from django.db.models.constants import OnConflict

_SQL: dict[tuple, str] = {}


@cache
def _columns(model) -> tuple:
    meta = model._meta
    return tuple(f for f in meta.local_concrete_fields if f is not meta.auto_field)


@cache
def _plain(model) -> bool:
    meta = model._meta
    return not meta.parents and not any(getattr(f, "generated", False) for f in meta.local_concrete_fields)


def _statement(connection, model, rows: int, *, ignore: bool, returning: bool) -> str:
    key = (connection.alias, connection.vendor, model, rows, ignore, returning)
    sql = _SQL.get(key)
    if sql is None:
        ops, meta = connection.ops, model._meta
        fields = _columns(model)
        on_conflict = OnConflict.IGNORE if ignore else None
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        sql = (
            f"{ops.insert_statement(on_conflict=on_conflict)} {ops.quote_name(meta.db_table)} "
            f"({', '.join(ops.quote_name(f.column) for f in fields)}) VALUES {', '.join([one] * rows)}"
        )
        suffix = ops.on_conflict_suffix_sql(fields, on_conflict, None, None) if ignore else ""
        if suffix:
            sql += f" {suffix}"
        if returning:
            sql += f" RETURNING {ops.quote_name(meta.pk.column)}"
        _SQL[key] = sql
    return sql


def _params(connection, model, objs) -> list | None:
    """Each row's values as the ORM would write them; None when one is an expression."""
    fields = _columns(model)
    params = []
    for obj in objs:
        for field in fields:
            value = field.pre_save(obj, True)
            if hasattr(value, "resolve_expression"):
                return None
            params.append(field.get_db_prep_save(value, connection))
    return params


def _saved(objs, using: str) -> None:
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using


def insert(objs, *, ignore_conflicts: bool = False, using: str = DEFAULT_DB_ALIAS) -> list:
    """INSERT `objs` (instances of one model) in one statement; returns them.

    Without `ignore_conflicts` each instance gets the primary key the database gave it and counts as saved. With
    it, a row that breaks a unique rule is skipped silently and no keys are read back (as `bulk_create` does)."""
    objs = list(objs)
    if not objs:
        return objs
    model = type(objs[0])
    connection = connections[using]
    auto = model._meta.auto_field
    returning = not ignore_conflicts and auto is not None
    params = _params(connection, model, objs) if _plain(model) else None
    if params is None or (returning and not connection.features.can_return_rows_from_bulk_insert):
        return model._base_manager.using(using).bulk_create(objs, ignore_conflicts=ignore_conflicts)
    sql = _statement(connection, model, len(objs), ignore=ignore_conflicts, returning=returning)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = cursor.fetchall() if returning else None
    if ids is not None:
        for obj, (pk,) in zip(objs, ids, strict=True):
            setattr(obj, auto.attname, pk)
    if not ignore_conflicts:
        _saved(objs, using)
    return objs


def insert_unless_taken(obj, *, using: str = DEFAULT_DB_ALIAS) -> bool:
    """INSERT one row … ON CONFLICT DO NOTHING RETURNING its key (one statement, no savepoint): False when a
    unique value was taken and nothing was written."""
    model = type(obj)
    meta = model._meta
    connection = connections[using]
    fast = _plain(model) and meta.auto_field and connection.features.can_return_columns_from_insert
    params = _params(connection, model, [obj]) if fast else None
    if params is None:
        rows = model._base_manager._insert(
            [obj],
            fields=list(_columns(model)),
            returning_fields=meta.db_returning_fields,
            using=using,
            on_conflict=OnConflict.IGNORE,
        )
        if not rows or rows[0] is None:
            return False
        for value, field in zip(rows[0], meta.db_returning_fields, strict=True):
            setattr(obj, field.attname, value)
    else:
        with connection.cursor() as cursor:
            cursor.execute(_statement(connection, model, 1, ignore=True, returning=True), params)
            row = cursor.fetchone()
        if row is None:
            return False
        setattr(obj, meta.auto_field.attname, row[0])
    _saved([obj], using)
    return True


def update_versioned(obj, *, version: int, status: str, changes: dict, using: str = DEFAULT_DB_ALIAS) -> int:
    """UPDATE `obj`'s row: version + 1 and `changes` (field name → value), only where the row still has `version`
    and `status`. Returns the rows changed (0: someone changed it first). Values are prepared by their fields as
    `QuerySet.update` prepares them (a record for a foreign key, JSON, dates); an expression goes through
    `QuerySet.update` itself. Like it, auto_now fields are left alone."""
    model = type(obj)
    meta = model._meta
    connection = connections[using]
    fields = [meta.get_field(name) for name in changes]
    values = []
    for field, value in zip(fields, changes.values(), strict=True):
        foreign = field.model._meta.concrete_model is not meta.concrete_model  # a parent's field
        if hasattr(value, "resolve_expression") or not field.concrete or field.many_to_many or foreign:
            return (
                model._base_manager.using(using)
                .filter(pk=obj.pk, version=version, status=status)
                .update(version=F("version") + 1, **changes)
            )
        if hasattr(value, "prepare_database_save"):
            value = value.prepare_database_save(field) if field.remote_field else value
        values.append(field.get_db_prep_save(value, connection))
    key = (connection.alias, connection.vendor, model, "update", tuple(changes))
    sql = _SQL.get(key)
    if sql is None:
        q = connection.ops.quote_name
        version_col = q(meta.get_field("version").column)
        sets = ", ".join([f"{version_col} = {version_col} + 1", *(f"{q(f.column)} = %s" for f in fields)])
        sql = (
            f"UPDATE {q(meta.db_table)} SET {sets} WHERE {q(meta.pk.column)} = %s AND {version_col} = %s "
            f"AND {q(meta.get_field('status').column)} = %s"
        )
        _SQL[key] = sql
    status_field = meta.get_field("status")
    params = [*values, meta.pk.get_db_prep_value(obj.pk, connection), version]
    params.append(status_field.get_db_prep_save(status, connection))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
