"""Reading a RASFF export whatever its layout: the portal's SQLite, the current CSV export, older yearly CSVs
(REF, DATE_CASE, SUBJET, PROD_CAT, COUNT_ORIGEN…), or an XLSX sheet. The encoding and the delimiter are
sniffed; headers are matched through an alias table; columns Guomen does not model are kept and listed."""

import csv
import io
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from guomen.core.errors import ValidationFailed

TABLE = "rasff_notifications"
DELIMITERS = (",", ";", "\t", "|")

# field → header spellings (lower case, letters and digits only)
# fmt: off
FIELD_ALIASES = {
    "reference": ("reference", "ref", "refno", "refnumber", "referencenumber", "notificationreference",
                  "notificationref", "rasffreference"),
    "category": ("category", "prodcat", "productcategory", "productcat", "categoryofproduct"),
    "kind": ("type", "producttype", "typeofproduct"),
    "subject": ("subject", "subjet", "sujet", "notificationsubject", "title"),
    "notified_at": ("date", "datecase", "dateofcase", "notificationdate", "dateofnotification", "validationdate",
                    "ecvalidationdate"),
    "notifying_country": ("notifyingcountry", "notcountry", "notifcountry", "notificationfrom",
                          "notifyingmembercountry"),
    "classification": ("classification", "classif", "notificationclassification", "notificationtype"),
    "risk_decision": ("riskdecision", "risk"),
    "distribution": ("distribution", "distributionstat", "distributionstatus"),
    "for_attention": ("forattention",),
    "for_follow_up": ("forfollowup",),
    "operator": ("operator", "operators"),
    "origin_text": ("origin", "countorigen", "countorigin", "countryoforigin", "origincountry", "origincountries",
                    "countriesoforigin"),
    "hazards_text": ("hazards", "hazard", "hazardsubstance", "hazardssubstances"),
}
# columns Guomen knows but does not model: kept under these names in `extra`
EXTRA_ALIASES = {
    "action_taken": ("actiontaken", "measurestaken", "measuretaken"),
    "product": ("product", "productname"),
    "hazard_category": ("hazardscat", "hazardcategory", "hazardscategory", "hazardcat"),
    "destination": ("countdestin", "destination", "countriesofdestination", "destinationcountries"),
    "countries_concerned": ("countconcern", "countriesconcerned", "countryconcerned"),
    "year": ("year",),
    "week": ("week",),
}
# fmt: on
EXTRA_LABELS = {
    "action_taken": _lazy("Action taken"),
    "product": _lazy("Product"),
    "hazard_category": _lazy("Hazard category"),
    "destination": _lazy("Destination countries"),
    "countries_concerned": _lazy("Countries concerned"),
    "year": _lazy("Year"),
    "week": _lazy("Week"),
}
REQUIRED = ("reference",)
_BY_KEY = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
_EXTRA_BY_KEY = {alias: name for name, aliases in EXTRA_ALIASES.items() for alias in aliases}


def header_key(header) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


@dataclass
class Table:
    """Rows of an export and how its columns were understood."""

    rows: list[tuple[int, dict]]
    headers: list[str]
    fields: dict[str, str] = field(default_factory=dict)  # header → model field
    extras: dict[str, str] = field(default_factory=dict)  # header → name in `extra` (known, not modelled)
    unmapped: list[str] = field(default_factory=list)  # headers kept as they are in `extra`
    delimiter: str = ""
    encoding: str = ""
    source: str = "csv"

    def mapping_lines(self) -> list[str]:
        lines = [f"{header} → {name}" for header, name in self.fields.items()]
        lines += [f"{header} → extra.{name}" for header, name in self.extras.items()]
        lines += [f"{header} → extra ({_('not mapped')})" for header in self.unmapped]
        return lines


def map_headers(
    headers: list[str], overrides: dict[str, str] | None = None
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(header → field, header → extra name, unmapped headers); `overrides` ({field: header}, e.g. a saved mapping
    for another country's list) is applied before the aliases."""
    fields, extras, unmapped, taken = {}, {}, [], set()
    chosen = {
        header_key(header): field for field, header in (overrides or {}).items() if field in FIELD_ALIASES
    }
    for header in headers:
        key = header_key(header)
        name = chosen.get(key) or (_BY_KEY.get(key) if _BY_KEY.get(key) not in chosen.values() else None)
        if name and name not in taken:
            fields[header] = name
            taken.add(name)
        elif key in _EXTRA_BY_KEY:
            extras[header] = _EXTRA_BY_KEY[key]
        else:
            unmapped.append(header)
    return fields, extras, unmapped


def column_label(header: str, position: int) -> str:
    return header if str(header or "").strip() else _("(unnamed column %(n)d)") % {"n": position}


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding: a BOM decides; else UTF-8; else GB18030 when non-ASCII bytes come in pairs
    (Chinese), Windows-1252 when they stand alone among Latin letters (a European spreadsheet)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    high = [i for i, b in enumerate(data[:200_000]) if b >= 0x80]
    paired = sum(
        1 for i in high if (i + 1 < len(data) and data[i + 1] >= 0x80) or (i and data[i - 1] >= 0x80)
    )
    if high and paired / len(high) >= 0.8:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(header_line: str, overrides: dict[str, str] | None = None) -> str:
    """The delimiter under which the header line names the most known columns (then: gives the most columns)."""

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        fields, extras, _unmapped = map_headers(cells, overrides)
        return (len(fields) + len(extras), len(cells))

    return max(DELIMITERS, key=score)


def read_csv(data: bytes, overrides: dict[str, str] | None = None) -> Table:
    text, encoding = decode(data)
    first = text.split("\n", 1)[0].rstrip("\r")
    delimiter = sniff_delimiter(first, overrides)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    raw_headers = next(reader, [])
    headers = [column_label(h.strip(), i) for i, h in enumerate(raw_headers, start=1)]
    rows = []
    width = len(headers)
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        row = dict(zip(headers, cells, strict=False))
        if len(cells) > width:
            row[_("(surplus cells)")] = delimiter.join(cells[width:])
        rows.append((number, row))
    return _table(rows, headers, overrides, delimiter=delimiter, encoding=encoding, source="csv")


def read_sqlite(path: Path, overrides: dict[str, str] | None = None) -> Table:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            con.row_factory = sqlite3.Row
            cursor = con.execute(f"SELECT * FROM {TABLE} ORDER BY rowid")
            headers = [d[0] for d in cursor.description]
            rows = [(n, dict(r)) for n, r in enumerate(cursor, start=1)]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationFailed(
            fields={
                "path": [
                    _("Not a RASFF export (table %(table)s): %(error)s") % {"table": TABLE, "error": exc}
                ]
            }
        ) from exc
    return _table(rows, headers, overrides, source="sqlite")


def read_xlsx(path: Path, overrides: dict[str, str] | None = None) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        message = _("The spreadsheet cannot be read: %(error)s") % {"error": exc}
        raise ValidationFailed(fields={"path": [message]}) from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    raw_headers = next(lines, ()) or ()
    headers = [column_label(str(h or "").strip(), i) for i, h in enumerate(raw_headers, start=1)]
    rows = []
    for number, cells in enumerate(lines, start=2):
        if not any(c not in (None, "") for c in cells):
            continue
        rows.append((number, {h: "" if c is None else c for h, c in zip(headers, cells, strict=False)}))
    book.close()
    return _table(rows, headers, overrides, source="xlsx")


def _table(rows, headers, overrides=None, **kw) -> Table:
    fields, extras, unmapped = map_headers(headers, overrides)
    table = Table(rows=rows, headers=headers, fields=fields, extras=extras, unmapped=unmapped, **kw)
    missing = [name for name in REQUIRED if name not in fields.values()]
    if missing:
        found = "、".join(f"“{h}”" for h in headers) or _("none")
        if table.source == "csv":
            shown = {"\t": _("tab"), " ": _("space")}.get(table.delimiter, f"“{table.delimiter}”")
            message = _(
                "No column of the file could be read as the notification reference (column names such as "
                "reference, REF). Delimiter used: %(delimiter)s; encoding: %(encoding)s; columns found: "
                "%(columns)s."
            ) % {"delimiter": shown, "encoding": table.encoding, "columns": found}
        else:
            message = _(
                "No column could be read as the notification reference (column names such as reference, REF). "
                "Columns found: %(columns)s."
            ) % {"columns": found}
        raise ValidationFailed(fields={"path": [message]})
    return table


def read_table(path: Path, overrides: dict[str, str] | None = None) -> Table:
    """The rows of an export; `overrides` ({field: header}) names columns the aliases do not know."""
    path = Path(path)
    if not path.exists():
        raise ValidationFailed(fields={"path": [_("No such file: %(path)s") % {"path": path}]})
    unknown = sorted(set(overrides or {}) - set(FIELD_ALIASES))
    if unknown:
        message = _("Unknown field(s) in the column mapping: %(names)s. Known fields: %(known)s.") % {
            "names": "、".join(unknown),
            "known": "、".join(FIELD_ALIASES),
        }
        raise ValidationFailed(fields={"mapping": [message]})
    suffix = path.suffix.lower()
    if suffix in {".sqlite", ".sqlite3", ".db"}:
        return read_sqlite(path, overrides)
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(path, overrides)
    return read_csv(path.read_bytes(), overrides)
