"""Files for analysts: any statistics table as CSV or XLSX, and the inspection history as Parquet."""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Subquery

from guomen.declarations.models import DeclarationLine

from . import scope
from .tables import Table

if TYPE_CHECKING:
    from openpyxl import Workbook

BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
PARQUET_BATCH = 50_000


def table_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark so that Excel opens the Chinese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header())
    writer.writerows(["" if v is None else v for v in row] for row in table.plain_rows())
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheet_title(title: str, taken: set[str]) -> str:
    base = BAD_SHEET_CHARS.sub(" ", str(title))[:28] or "Sheet"
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:26]}-{n}", n + 1
    taken.add(name)
    return name


def write_table(wb: Workbook, table: Table, taken: set[str]) -> None:
    from openpyxl.styles import Font, PatternFill  # imported where used: commands start without it

    ws = wb.create_sheet(sheet_title(table.title, taken))
    ws.append(table.header())
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF2F7")
    for row in table.plain_rows():
        ws.append(row)
    for i, column in enumerate(table.columns, start=1):
        width = max([len(str(column.label))] + [len(str(r[i - 1] or "")) for r in table.rows[:200]]) + 4
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(width * 1.6, 60)
    if table.note:
        ws.append([])
        ws.append([table.note])


def tables_xlsx(tables: list[Table], *, front: list[tuple[str, list[list]]] | None = None) -> bytes:
    """One sheet per table (after optional front sheets given as (title, rows))."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for title, rows in front or []:
        ws = wb.create_sheet(sheet_title(title, taken))
        for row in rows:
            ws.append(row)
        ws.column_dimensions["A"].width = 24
        ws.column_dimensions["B"].width = 90
    for table in tables:
        write_table(wb, table, taken)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


HISTORY_COLUMNS = [
    ("task_id", "pk"),
    ("declaration", "declaration__number"),
    ("direction", "declaration__direction"),
    ("port", "port__code"),
    ("origin", "declaration__origin_country_id"),
    ("declarant_uscc", "declaration__declarant__uscc"),
    ("arrival_date", "declaration__arrival_date"),
    ("inspection_date", "due_date"),
    ("channel", "channel"),
    ("status", "status"),
    ("outcome", "outcome"),
    ("disposition", "disposition"),
    ("recorded_at", "recorded_at"),
    ("confirmed_at", "confirmed_at"),
    ("hs", "main_hs"),
    ("commodity_group", "main_group"),
]


def history_parquet(f, months: int) -> bytes:
    """Inspection tasks of the last `months` months up to the filter's period, one row per task, in batches."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    first = f.period.shift(-(months - 1))
    main = DeclarationLine.objects.filter(declaration_id=OuterRef("declaration_id"), line_no=1)
    qs = (
        scope.tasks(f, dated=False)
        .filter(due_date__gte=first.start, due_date__lt=f.period.end)
        .annotate(
            main_hs=Subquery(main.values("hs_id")[:1]), main_group=Subquery(main.values("hs__group_id")[:1])
        )
        .order_by("pk")
        .values_list(*(field for _name, field in HISTORY_COLUMNS))
    )
    schema = pa.schema(
        [
            (
                name,
                pa.int64()
                if name == "task_id"
                else pa.date32()
                if name.endswith("_date")
                else pa.timestamp("us", tz="UTC")
                if name.endswith("_at")
                else pa.string(),
            )
            for name, _field in HISTORY_COLUMNS
        ]
    )
    out = io.BytesIO()
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[tuple] = []
        for row in qs.iterator(chunk_size=PARQUET_BATCH):
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(_arrow(batch, schema))
                batch = []
        writer.write_table(_arrow(batch, schema))
    return out.getvalue()


def _arrow(rows: list[tuple], schema):
    import pyarrow as pa

    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
    return pa.table(
        [pa.array(list(col), type=field.type) for col, field in zip(columns, schema, strict=True)],
        schema=schema,
    )
