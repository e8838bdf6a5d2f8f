"""The reads on the path of one decision, as plain SQL.

A decision has to be taken in a few milliseconds while the declaration is being submitted. Building a
Django query costs more than running it here (a few tenths of a millisecond each), so the rows the engine
needs for every declaration — its lines with their commodity groups and production bases, and the
outcome statistics of the features — are read with fixed statements into small read-only records.
Everything else (rules, levels, measures, requirements, the live model) comes from the snapshot.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import connection

from guomen.catalog.models import HsCode
from guomen.declarations.models import DeclarationLine
from guomen.registry.models import ProductionBase

from .models import OutcomeStat


@dataclass(frozen=True)
class BaseRow:
    """A production base named on a line: what the hard rules look at."""

    pk: int
    code: str
    status: str
    country_id: str


@dataclass
class LineRow:
    """One declaration line with its commodity group and production bases."""

    pk: int
    line_no: int
    hs_id: str
    group_id: str | None
    net_weight_kg: float | None
    value: float | None
    bases: list[BaseRow] = field(default_factory=list)


@dataclass(frozen=True)
class StatRow:
    """The OutcomeStat columns the features use (same names as the model's fields)."""

    kind: str
    key: str
    inspected: int
    non_conforming: int
    last_at: dt.datetime | None
    last_nc_at: dt.datetime | None
    value_median: float | None
    value_low: float | None
    value_high: float | None
    weight_median: float | None
    weight_low: float | None
    weight_high: float | None


def _number(value) -> float | None:
    return None if value is None else float(value)


def _aware(value) -> dt.datetime | None:
    """SQLite hands back naive UTC datetimes; PostgreSQL aware ones."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _tables() -> dict[str, str]:
    through = DeclarationLine.production_bases.through
    return {
        "line": DeclarationLine._meta.db_table,
        "hs": HsCode._meta.db_table,
        "link": through._meta.db_table,
        "base": ProductionBase._meta.db_table,
        "commodities": ProductionBase.commodities.through._meta.db_table,
        "stat": OutcomeStat._meta.db_table,
    }


_SQL: dict[str, str] = {}


def _sql(name: str) -> str:
    if not _SQL:
        t = _tables()
        _SQL["lines"] = (
            f"SELECT l.id, l.line_no, l.hs_id, h.group_id, l.net_weight_kg, l.value, b.id, b.code, b.status, "
            f"b.country_id FROM {t['line']} l JOIN {t['hs']} h ON h.code = l.hs_id "
            f"LEFT JOIN {t['link']} lb ON lb.declarationline_id = l.id "
            f"LEFT JOIN {t['base']} b ON b.id = lb.productionbase_id "
            f"WHERE l.declaration_id = %s ORDER BY l.line_no, b.id"
        )
        _SQL["commodities"] = (
            f"SELECT productionbase_id, hscode_id FROM {t['commodities']} WHERE productionbase_id IN "
        )
        _SQL["stats"] = (
            'SELECT "kind", "key", inspected, non_conforming, last_at, last_nc_at, value_median, value_low, '
            f"value_high, weight_median, weight_low, weight_high FROM {t['stat']} WHERE "
        )
    return _SQL[name]


def lines_of(declaration_id: int) -> list[LineRow]:
    """The declaration's lines in order, each with its production bases (one statement)."""
    lines: dict[int, LineRow] = {}
    with connection.cursor() as cursor:
        cursor.execute(_sql("lines"), [declaration_id])
        for pk, line_no, hs_id, group_id, weight, value, base_pk, code, status, country in cursor.fetchall():
            line = lines.get(pk)
            if line is None:
                line = lines[pk] = LineRow(pk, line_no, hs_id, group_id, _number(weight), _number(value))
            if base_pk is not None:
                line.bases.append(BaseRow(base_pk, code, status, country))
    return list(lines.values())


def lines_from(recorded) -> list[LineRow]:
    """The same records built from lines just written, without reading them back (intake): each line with its
    `hs` and `recorded_bases` set, as `declaration_create` leaves them on `declaration.recorded_lines`."""
    return [
        LineRow(
            line.pk,
            line.line_no,
            line.hs_id,
            line.hs.group_id,
            _number(line.net_weight_kg),
            _number(line.value),
            [BaseRow(b.pk, b.code, b.status, b.country_id) for b in line.recorded_bases],
        )
        for line in recorded
    ]


def base_commodities(base_ids) -> dict[int, list[str]]:
    """The HS codes each production base is registered for."""
    ids = sorted(set(base_ids))
    found: dict[int, list[str]] = {pk: [] for pk in ids}
    if not ids:
        return found
    with connection.cursor() as cursor:
        cursor.execute(_sql("commodities") + "(" + ", ".join(["%s"] * len(ids)) + ")", ids)
        for pk, code in cursor.fetchall():
            found[pk].append(code)
    return found


def outcome_stats(keys) -> dict[tuple[str, str], StatRow]:
    """The OutcomeStat rows for these (kind, key) pairs (one statement)."""
    wanted = {(kind, str(key)) for kind, key in keys}
    if not wanted:
        return {}
    kinds = sorted({k for k, _key in wanted})
    values = sorted({key for _k, key in wanted})
    where = (
        '"kind" IN ('
        + ", ".join(["%s"] * len(kinds))
        + ') AND "key" IN ('
        + ", ".join(["%s"] * len(values))
        + ")"
    )
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(_sql("stats") + where, [*kinds, *values])
        for row in cursor.fetchall():
            kind, key, inspected, nc, last_at, last_nc_at, *bands = row
            if (kind, key) in wanted:
                found[(kind, key)] = StatRow(
                    kind, key, inspected, nc, _aware(last_at), _aware(last_nc_at), *map(_number, bands)
                )
    return found
