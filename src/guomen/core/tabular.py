"""Reading CSV/XLSX uploads into rows, and all-or-nothing bulk imports with a per-row report."""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import ApplicationError, ValidationFailed

MAX_ROWS = 100_000


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "errors": [e.as_dict() for e in self.errors],
        }


class BadImportFile(ValidationFailed):
    code = "bad_file"


def _norm(header) -> str:
    return str(header or "").strip().lower().replace(" ", "_")


def read_table(data: bytes, filename: str) -> list[tuple[int, dict]]:
    """Rows as (spreadsheet row number, {normalised header: text}). Row 1 is the header."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        rows = _read_csv(data)
    else:
        raise BadImportFile(_("Upload a .csv or .xlsx file."), fields={"file": [_("Unsupported file type.")]})
    if not rows:
        raise BadImportFile(_("The file is empty."), fields={"file": [_("No header row.")]})
    header = [_norm(h) for h in rows[0]]
    out = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(str(v or "").strip() for v in values):
            continue
        record = {h: ("" if v is None else str(v).strip()) for h, v in zip(header, values, strict=False) if h}
        out.append((number, record))
        if len(out) > MAX_ROWS:
            raise BadImportFile(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
    return out


def _read_csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BadImportFile(_("The file is not UTF-8 or GB18030 text."))
    return list(csv.reader(io.StringIO(text)))


MAX_COLUMNS = 200


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    from .archives import ArchiveRefused, check_archive

    try:
        check_archive(data)
    except ArchiveRefused as exc:
        raise BadImportFile(str(exc), fields={"file": [str(exc)]}) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise BadImportFile(_("The file is not a readable Excel workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the size a file claims is not believed: rows and columns are counted
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                raise BadImportFile(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
    finally:
        workbook.close()
    return rows


def _cell(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and callable(value.date) and not isinstance(value, str):
        return value.date().isoformat()
    return value


def run_import(
    rows: Iterable[tuple[int, dict]],
    import_row: Callable[[int, dict], str],
) -> ImportReport:
    """Import every row in one transaction; if any row fails, roll back all and report each failure.

    `import_row(number, record)` raises ApplicationError (with fields) for a bad row and returns
    "created" or "updated".
    """
    report = ImportReport()
    try:
        with transaction.atomic():
            for number, record in rows:
                try:
                    with transaction.atomic():
                        result = import_row(number, record)
                except ApplicationError as exc:
                    if exc.fields:
                        for name, messages in exc.fields.items():
                            for message in messages:
                                report.errors.append(RowError(number, name, message))
                    else:
                        report.errors.append(RowError(number, "", str(exc.message)))
                    continue
                if result == "updated":
                    report.updated += 1
                else:
                    report.created += 1
            if report.errors:
                raise _Rollback()
    except _Rollback:
        report.created = report.updated = 0
    return report


class _Rollback(Exception):
    pass
