"""A statistics table: columns and rows that the page, the CSV/XLSX export and the report all render."""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from .figures import DASH, Rate

TEXT, INT, NUMBER, RATE = "text", "int", "number", "rate"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    drill: list[dict] = field(default_factory=list)  # per row: filter values a click on the row applies
    note: str = ""

    def cell_text(self, value, column: Column) -> str:
        if value is None or value == "":
            return DASH if column.kind != TEXT else ""
        if isinstance(value, Rate):
            return value.display
        if column.kind == INT:
            return f"{int(value):,}"
        if column.kind == NUMBER:
            return f"{float(value):,.1f}"
        return str(value)

    def display_rows(self) -> list[dict]:
        out = []
        for i, row in enumerate(self.rows):
            cells = [
                {"text": self.cell_text(v, c), "numeric": c.kind != TEXT}
                for v, c in zip(row, self.columns, strict=True)
            ]
            out.append({"cells": cells, "drill": self.drill[i] if i < len(self.drill) else None})
        return out

    def plain_rows(self) -> list[list]:
        """Rows for files: rates as percentages (empty when there is no denominator), counts as numbers."""
        out = []
        for row in self.rows:
            values = []
            for v in row:
                if isinstance(v, Rate):
                    values.append(None if v.percent is None else round(v.percent, 4))
                else:
                    values.append(v)
            out.append(values)
        return out

    def header(self) -> list[str]:
        return [str(c.label) for c in self.columns]

    def column(self, key: str) -> list:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


def localized(zh: str | None, en: str | None) -> str:
    if (get_language() or "zh").startswith("en") and en:
        return en
    return zh or en or ""
