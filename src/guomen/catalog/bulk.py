"""Bulk import of master data from CSV/XLSX: column specs, row parsing, templates, all-or-nothing runs."""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _

from guomen.core.editing import require_actor
from guomen.core.errors import ValidationFailed
from guomen.core.tabular import BadImportFile, ImportReport, read_table, run_import

from .models import Country, Hazard, HsCode
from .selectors import country_resolve, normalise_hs

TRUE_WORDS = {"1", "y", "yes", "true", "是", "有", "需要", "√"}
FALSE_WORDS = {"0", "n", "no", "false", "否", "无", "不需要", "×"}
LIST_SPLIT = re.compile(r"[;；,，、|\s]+")


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # lazy translation
    required: bool = False
    help: str = ""  # lazy translation


@dataclass(frozen=True)
class ImportKind:
    slug: str
    label: str
    permission: str
    columns: tuple[Column, ...]
    import_row: Callable[[dict, object], str] = field(compare=False)

    def column_label(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return str(column.label)
        return key


def _norm(text) -> str:
    return str(text or "").strip().lower().replace(" ", "_")


def _header_map(kind: ImportKind) -> dict[str, str]:
    """Accept the column key or its label in Chinese or English as a header."""
    aliases: dict[str, str] = {}
    for column in kind.columns:
        aliases[_norm(column.key)] = column.key
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                aliases[_norm(column.label)] = column.key
    return aliases


def run_kind_import(kind: ImportKind, *, data: bytes, filename: str, actor) -> ImportReport:
    """Import a whole file or nothing; the report lists each bad row, column and reason."""
    require_actor(actor, kind.permission)
    rows = read_table(data, filename)
    aliases = _header_map(kind)
    rekeyed = [(n, {aliases.get(k, k): v for k, v in rec.items()}) for n, rec in rows]
    present = set().union(*(r.keys() for _n, r in rekeyed)) if rekeyed else set()
    missing = [str(c.label) for c in kind.columns if c.required and c.key not in present]
    if not rekeyed:
        raise BadImportFile(
            _("The file has no data rows."), fields={"file": [_("The file has no data rows.")]}
        )
    if missing:
        message = _("Required columns are missing: %(cols)s.") % {"cols": "、".join(missing)}
        raise BadImportFile(message, fields={"file": [message]})
    return run_import(rekeyed, lambda _number, record: kind.import_row(record, actor))


def template_csv(kind: ImportKind) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([c.key for c in kind.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(kind: ImportKind) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind.slug[:31]
    sheet.append([c.key for c in kind.columns])
    notes = workbook.create_sheet(str(_("Columns"))[:31])
    notes.append([str(_("Column")), str(_("Name")), str(_("Required")), str(_("How to fill it in"))])
    for c in kind.columns:
        notes.append([c.key, str(c.label), str(_("yes")) if c.required else "", str(c.help)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@cache
def _choice_aliases(choices) -> dict[str, str]:
    """Lower-cased value, Chinese label and English label → stored value."""
    aliases = {}
    for code, label in choices.choices:
        aliases[str(code).lower()] = code
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                aliases[str(label).lower()] = code
    return aliases


class RowReader:
    """Reads typed values from one row, collecting every problem before raising once."""

    def __init__(self, record: dict):
        self.record = record
        self.errors: dict[str, list[str]] = {}

    def fail(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(str(message))

    def done(self) -> None:
        if self.errors:
            raise ValidationFailed(fields=self.errors)

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = str(self.record.get(key) or "").strip()
        if required and not value:
            self.fail(key, _("This column is required."))
        if max_length and len(value) > max_length:
            self.fail(key, _("At most %(n)d characters.") % {"n": max_length})
        return value

    def choice(self, key: str, choices, *, required: bool = False, default: str = "") -> str:
        value = self.text(key, required=required)
        if not value:
            return default
        code = _choice_aliases(choices).get(value.lower())
        if code is not None:
            return code
        allowed = "、".join(str(label) for _code, label in choices.choices)
        self.fail(key, _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed})
        return default

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self.text(key).lower()
        if not value:
            return default
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        self.fail(key, _("Write 是 or 否 (yes or no)."))
        return default

    def date(self, key: str) -> date | None:
        value = self.text(key).replace("/", "-")
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(key, _("Write the date as YYYY-MM-DD."))
            return None

    def country(self, key: str, *, required: bool = False) -> Country | None:
        value = self.text(key, required=required)
        if not value:
            return None
        country = country_resolve(value)
        if country is None:
            self.fail(key, _("Unknown country or region “%(value)s”.") % {"value": value})
        return country

    def hs(self, key: str, *, required: bool = False) -> HsCode | None:
        value = self.text(key, required=required)
        if not value:
            return None
        found = HsCode.objects.filter(code=normalise_hs(value)).first()
        if found is None:
            self.fail(key, _("Unknown HS code “%(value)s”.") % {"value": value})
        return found

    def hs_many(self, key: str) -> list[HsCode]:
        codes = [normalise_hs(c) for c in LIST_SPLIT.split(self.text(key)) if c]
        found = HsCode.objects.in_bulk(codes)
        unknown = [c for c in codes if c not in found]
        if unknown:
            self.fail(key, _("Unknown HS codes: %(codes)s.") % {"codes": "、".join(unknown)})
        return [found[c] for c in codes if c in found]

    def hazards(self, key: str) -> list[Hazard]:
        codes = [c for c in LIST_SPLIT.split(self.text(key)) if c]
        found = {h.code: h for h in Hazard.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            self.fail(key, _("Unknown hazard codes: %(codes)s.") % {"codes": "、".join(unknown)})
        return [found[c] for c in codes if c in found]
