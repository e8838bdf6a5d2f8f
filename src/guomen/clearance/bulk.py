"""Bulk intake: a CSV/XLSX file with one row per line, grouped into declarations by the `ref` column.

All or nothing: if any row is bad, nothing is imported and each bad row is reported with field and reason.
Each declaration goes through clearance_submit, exactly as if it had been typed into the web form. An export
names its consignee abroad on its first row and its production batches in the `batch_numbers` column of any of
its rows (a refused batch is reported on the row that names it). A header may be the column's key, its Chinese
name, or both as the template writes them: `batch_numbers（出口生产批次号）`.
"""

import csv
import io
import re
from collections import OrderedDict

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    "foreign_consignee_name",
    "foreign_consignee_address",
    "foreign_consignee_country",
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
BATCH_COLUMN = "batch_numbers"
DOCUMENT_COLUMNS = ["document_type", "document_number", "document_issued_on"]
COLUMNS = ["ref", *HEADER_COLUMNS, *LINE_COLUMNS, BATCH_COLUMN, *DOCUMENT_COLUMNS]
LABELS = {  # the column names of the template (in Chinese, the form's language)
    "ref": gettext_lazy("Declaration group"),
    "direction": gettext_lazy("Direction"),
    "port": gettext_lazy("Port"),
    "declarant_uscc": gettext_lazy("Declarant credit code"),
    "consignee_uscc": gettext_lazy("Consignee credit code"),
    "consignor_name": gettext_lazy("Consignor"),
    "origin_country": gettext_lazy("Origin country"),
    "destination_country": gettext_lazy("Destination country"),
    "foreign_consignee_name": gettext_lazy("Consignee abroad"),
    "foreign_consignee_address": gettext_lazy("Address of the consignee abroad"),
    "foreign_consignee_country": gettext_lazy("Country code of the consignee abroad"),
    "transport": gettext_lazy("Transport"),
    "transport_id": gettext_lazy("Vehicle / container / flight"),
    "arrival_date": gettext_lazy("Arrival date"),
    "hs_code": gettext_lazy("HS code"),
    "description": gettext_lazy("Description"),
    "quantity": gettext_lazy("Quantity"),
    "unit": gettext_lazy("Unit"),
    "net_weight_kg": gettext_lazy("Net weight in kg"),
    "value": gettext_lazy("Value"),
    "currency": gettext_lazy("Currency"),
    "production_base_codes": gettext_lazy("Production base codes"),
    "batch_numbers": gettext_lazy("Export production batch numbers"),
    "document_type": gettext_lazy("Document type"),
    "document_number": gettext_lazy("Document number"),
    "document_issued_on": gettext_lazy("Document issued on"),
}
_ANNOTATION = re.compile(r"[（(].*$")
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
        "",
        "",
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
        "",
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
        "",
        "invoice",
        "INV-889",
        "",
    ],
    [  # an export of lychees for Japan: its consignee abroad and the production batch the goods come from
        "B1",
        "export",
        "WJD",
        "91440300MA5DYYYYYY",
        "",
        "深圳市鲜丰农产品出口有限公司",
        "CN",
        "JP",
        "Tokyo Seika Trading K.K.",
        "3-2-1 Toyosu, Koto-ku, Tokyo",
        "JP",
        "truck",
        "粤Z3321港",
        "2026-11-21",
        "081090",
        "鲜荔枝",
        "600",
        "carton",
        "6000",
        "24000",
        "USD",
        "",
        "PCWJD202611200001",
        "",
        "",
        "",
    ],
]


class _Group:
    def __init__(self, ref: str, first_row: int, record: dict):
        self.ref = ref
        self.rows = [first_row]
        self.header = {c: record.get(c, "") for c in HEADER_COLUMNS}
        self.lines: list[tuple[int, dict]] = []
        self.batches: list[tuple[int, list[str]]] = []  # (row, batch numbers it names)
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
        named = _batch_codes(record.get(BATCH_COLUMN, ""))
        if named:
            self.batches.append((number, named))
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
        if field == BATCH_COLUMN and self.batches:
            return self.batches[0][0], BATCH_COLUMN
        return self.rows[0], {"port_code": "port"}.get(field, field)

    @property
    def batch_numbers(self) -> list[str]:
        return list(dict.fromkeys(n for _row, numbers in self.batches for n in numbers))

    def batch_errors(self, by_number: dict[str, str]) -> list[RowError]:
        """Each refused batch reported on the row(s) that name it."""
        return [
            RowError(row, BATCH_COLUMN, message)
            for number, message in by_number.items()
            for row, numbers in self.batches
            if number in numbers
        ]


def _batch_codes(value: str) -> list[str]:
    parts = (value or "").replace("，", ",").replace(";", ",").replace(" ", ",").split(",")
    return [p.strip().upper() for p in parts if p.strip()]


def _aliases() -> dict[str, str]:
    """{normalised Chinese or English column name: key}."""
    out = {}
    for key, label in LABELS.items():
        for language in ("zh-hans", "en"):
            with translation.override(language):
                out[_norm_header(str(label))] = key
    return out


def _norm_header(header: str) -> str:
    return _ANNOTATION.sub("", str(header or "")).strip().lower().replace(" ", "_")


def _rekey(rows) -> list[tuple[int, dict]]:
    """Headers to column keys: `batch_numbers（出口生产批次号）`, `出口生产批次号` and `batch_numbers` alike."""
    aliases = _aliases()
    out = []
    for number, record in rows:
        keyed = {}
        for header, value in record.items():
            name = _norm_header(header)
            keyed[name if name in COLUMNS else aliases.get(name, name)] = value
        out.append((number, keyed))
    return out


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
    rows = _rekey(read_table(data, filename))
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
                        foreign_consignee_name=group.header["foreign_consignee_name"],
                        foreign_consignee_address=group.header["foreign_consignee_address"],
                        foreign_consignee_country=group.header["foreign_consignee_country"],
                        transport=group.header["transport"],
                        transport_id=group.header["transport_id"],
                        arrival_date=group.header["arrival_date"],
                        lines=[line for _n, line in group.lines],
                        documents=[doc for _n, doc in group.documents],
                        batch_numbers=group.batch_numbers,
                    )
                numbers.append(declaration.number)
            except ApplicationError as exc:
                if not exc.fields:
                    report.errors.append(RowError(group.rows[0], "", str(exc.message)))
                by_number = getattr(exc, "batch_errors", None)
                if by_number:
                    report.errors.extend(group.batch_errors(by_number))
                for field, messages in exc.fields.items():
                    if by_number and field == BATCH_COLUMN:
                        continue
                    row, column = group.row_for(field)
                    report.errors.extend(RowError(row, column, m) for m in messages)
        if report.errors:
            report.errors.sort(key=lambda e: (e.row, e.field))
            transaction.set_rollback(True)
            return report
    report.created = len(numbers)
    report.numbers = numbers
    return report


def template_header() -> list[str]:
    """Each column's key with its Chinese name: `batch_numbers（出口生产批次号）` (both read back)."""
    with translation.override("zh-hans"):
        return [f"{key}（{LABELS[key]}）" for key in COLUMNS]


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(template_header())
    writer.writerows(EXAMPLE_ROWS)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "declarations"
    sheet.append(template_header())
    for row in EXAMPLE_ROWS:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
