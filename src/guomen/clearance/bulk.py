"""Bulk intake: a CSV/XLSX file with one row per line, grouped into declarations by the `ref` column.

All or nothing: if any row is bad, nothing is imported and each bad row is reported with field and reason.
Each declaration goes through clearance_submit, exactly as if it had been typed into the web form.
"""

import csv
import io
from collections import OrderedDict

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.errors import ApplicationError
from guomen.core.permissions import require
from guomen.core.tabular import ImportReport, RowError, read_table

from .services import clearance_submit

HEADER_COLUMNS = [
    "direction",
    "port",
    "declarant_uscc",
    "consignee_uscc",
    "consignor_name",
    "origin_country",
    "destination_country",
    "transport",
    "transport_id",
    "arrival_date",
]
LINE_COLUMNS = [
    "hs_code",
    "description",
    "quantity",
    "unit",
    "net_weight_kg",
    "value",
    "currency",
    "production_base_codes",
]
DOCUMENT_COLUMNS = ["document_type", "document_number", "document_issued_on"]
COLUMNS = ["ref", *HEADER_COLUMNS, *LINE_COLUMNS, *DOCUMENT_COLUMNS]
REQUIRED_COLUMNS = {"ref", "port", "declarant_uscc", "origin_country", "transport", "arrival_date", "hs_code"}
EXAMPLE_ROWS = [
    [
        "A1",
        "import",
        "WJD",
        "91440300MA5DXXXXXX",
        "",
        "Chanthaburi Fruit Export Co., Ltd.",
        "TH",
        "",
        "truck",
        "粤Z1234港",
        "2026-11-21",
        "081060",
        "鲜榴莲",
        "1200",
        "carton",
        "18000",
        "54000",
        "USD",
        "GAP-TH-00001",
        "phytosanitary_certificate",
        "TH-2026-000123",
        "",
    ],
    [
        "A1",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "081060",
        "鲜榴莲（冷冻）",
        "300",
        "carton",
        "4500",
        "9000",
        "USD",
        "GAP-TH-00001",
        "invoice",
        "INV-889",
        "",
    ],
]


class _Group:
    def __init__(self, ref: str, first_row: int, record: dict):
        self.ref = ref
        self.rows = [first_row]
        self.header = {c: record.get(c, "") for c in HEADER_COLUMNS}
        self.lines: list[tuple[int, dict]] = []
        self.documents: list[tuple[int, dict]] = []
        self.errors: list[RowError] = []

    def add(self, number: int, record: dict) -> None:
        if number != self.rows[0]:
            self.rows.append(number)
            for column in HEADER_COLUMNS:
                value = record.get(column, "")
                if value and value != self.header[column]:
                    self.errors.append(
                        RowError(
                            number,
                            column,
                            _("Differs from the first row of declaration %(ref)s.") % {"ref": self.ref},
                        )
                    )
        self.lines.append((number, {c: record.get(c, "") for c in LINE_COLUMNS}))
        if record.get("document_type") or record.get("document_number"):
            doc = {
                "type": record.get("document_type", ""),
                "number": record.get("document_number", ""),
                "issued_on": record.get("document_issued_on", ""),
            }
            if all(doc != d for _n, d in self.documents):
                self.documents.append((number, doc))

    def row_for(self, field: str) -> tuple[int, str]:
        """The spreadsheet row and column an error of clearance_submit belongs to."""
        parts = field.split(".")
        if parts[0] == "lines" and len(parts) == 3 and parts[1].isdigit():
            return self.lines[int(parts[1])][0], parts[2]
        if parts[0] == "documents" and len(parts) == 3 and parts[1].isdigit():
            number = self.documents[int(parts[1])][0]
            return number, {"type": "document_type", "number": "document_number"}.get(
                parts[2], "document_issued_on"
            )
        return self.rows[0], {"port_code": "port"}.get(field, field)


def _groups(rows, report: ImportReport) -> list[_Group]:
    groups: OrderedDict[str, _Group] = OrderedDict()
    for number, record in rows:
        ref = record.get("ref", "").strip()
        if not ref:
            report.errors.append(
                RowError(number, "ref", _("Every row needs a ref that groups it into a declaration."))
            )
            continue
        if ref not in groups:
            groups[ref] = _Group(ref, number, record)
        groups[ref].add(number, record)
    return list(groups.values())


def declaration_bulk_import(*, data: bytes, filename: str, actor) -> ImportReport:
    """Read the file and submit one declaration per ref; any bad row → nothing imported, every problem listed."""
    if actor is not None:
        require(actor, "declaration.import")
    rows = read_table(data, filename)
    report = ImportReport()
    present = set(rows[0][1]) if rows else set()
    missing = sorted(REQUIRED_COLUMNS - present)
    if not rows:
        report.errors.append(RowError(1, "file", _("The file has no data rows.")))
        return report
    if missing:
        report.errors.append(RowError(1, ", ".join(missing), _("Required columns are missing.")))
        return report
    groups = _groups(rows, report)
    numbers = []
    with transaction.atomic():
        for group in groups:
            report.errors.extend(group.errors)
            try:
                with transaction.atomic():
                    declaration = clearance_submit(
                        actor=actor,
                        direction=group.header["direction"] or "import",
                        port_code=group.header["port"],
                        declarant_uscc=group.header["declarant_uscc"],
                        consignee_uscc=group.header["consignee_uscc"] or None,
                        consignor_name=group.header["consignor_name"],
                        origin_country=group.header["origin_country"],
                        destination_country=group.header["destination_country"] or None,
                        transport=group.header["transport"],
                        transport_id=group.header["transport_id"],
                        arrival_date=group.header["arrival_date"],
                        lines=[line for _n, line in group.lines],
                        documents=[doc for _n, doc in group.documents],
                    )
                numbers.append(declaration.number)
            except ApplicationError as exc:
                if not exc.fields:
                    report.errors.append(RowError(group.rows[0], "", str(exc.message)))
                for field, messages in exc.fields.items():
                    row, column = group.row_for(field)
                    report.errors.extend(RowError(row, column, m) for m in messages)
        if report.errors:
            report.errors.sort(key=lambda e: (e.row, e.field))
            transaction.set_rollback(True)
            return report
    report.created = len(numbers)
    report.numbers = numbers
    return report


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(EXAMPLE_ROWS)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "declarations"
    sheet.append(COLUMNS)
    for row in EXAMPLE_ROWS:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
