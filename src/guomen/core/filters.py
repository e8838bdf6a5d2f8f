"""One filter definition per list, shared by the page, the API and the export (NetBox's FilterSet pattern).

A list's filters are a `FilterSet` (a ninja Schema) defined next to its selector; the selector takes it. The API
takes it as `Query[MyFilters]` (documented, validated: a bad value is a 422 naming the field), and the page and
the export build it from the query string with `MyFilters.from_query(request.GET)`, which drops a value it cannot
read rather than failing the page. The names of the query parameters are the same everywhere (field aliases).
`one_of(Choices)` is a choice filter (documented as an enum, anything else refused by name); `xlsx_export` writes
a list's export from the FilterSet's queryset, scoped like the page, at most MAX_EXPORT_ROWS rows.
"""

import io
from typing import Annotated, Self

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError


class FilterSet(Schema):
    model_config = ConfigDict(populate_by_name=True, str_strip_whitespace=True)

    @classmethod
    def from_query(cls, query) -> Self:
        """The filters of a page's or an export's query string; an unreadable value counts as not given."""
        names = {(f.alias or name): name for name, f in cls.model_fields.items()}
        raw = {key: query.get(key) for key in names if query.get(key) not in (None, "")}
        for _attempt in range(len(raw) + 1):
            try:
                return cls.model_validate(raw)
            except ValidationError as exc:
                bad = {str(err["loc"][0]) for err in exc.errors() if err.get("loc")}
                raw = {k: v for k, v in raw.items() if k not in bad and names.get(k) not in bad}
        return cls()

    def as_query(self) -> dict[str, str]:
        """The filters given, by their query-string names (for links and exports)."""
        out = {}
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            if value not in (None, "", field.default):
                if isinstance(value, bool):
                    value = "1" if value else "0"  # a yes/no/either filter given as "no" stays "no"
                out[field.alias or name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return out


# --- Choices and exports built on a FilterSet ------------------------------------------------------------------

MAX_EXPORT_ROWS = 50_000


def one_of(choices, description: str = ""):
    """A filter field taking one of `choices` (a TextChoices class or a list of values) or nothing ("").

    The API documents the values (an enum) and refuses any other with a 422 naming the field, in the user's language;
    the page drops it like any unreadable value. Use as `status: one_of(SampleStatus) = ""`.
    """
    values = [str(v) for v in getattr(choices, "values", choices)]

    def check(value: str) -> str:
        if value and value not in values:
            message = gettext("Select a valid choice. %(value)s is not one of the available choices.")
            raise PydanticCustomError("choice", message % {"value": value[:40]})
        return value

    extra = {"enum": ["", *values]}
    return Annotated[str, AfterValidator(check), Field(description=description, json_schema_extra=extra)]


def _cell_value(value):
    """A value as a spreadsheet cell: text never becomes a formula, control characters are dropped."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    if getattr(value, "tzinfo", None) is not None and hasattr(value, "hour"):
        value = timezone.localtime(value).replace(tzinfo=None)  # a spreadsheet has no time zones
    if isinstance(value, (str, Promise)):
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return value


def label_of(choices):
    """A column reading a choice's label: `label_of(Status)(row.status)` (get_FOO_display hashes the whole
    choice list on every call, too slow for 50,000 rows); an unknown value is shown as it is."""
    labels = {str(value): label for value, label in choices.choices}

    def read(value):
        return labels.get(value, value)

    return read


def field_column(model, name: str, read=None):
    """An export column headed by the model field's own (translated) name, reading the field or `read(row)`."""
    from operator import attrgetter

    from django.utils.text import capfirst

    return capfirst(model._meta.get_field(name).verbose_name), read or attrgetter(name)


def choice_column(model, name: str, choices):
    """An export column of a choice field: headed by the field's name, showing the choice's label."""
    label = label_of(choices)
    return field_column(model, name, lambda row: label(getattr(row, name)))


def xlsx_export(request, rows, columns, *, filename: str, back: str):
    """`rows` (a FilterSet's queryset) as an XLSX file: one sheet, a header of `columns` [(label, row -> value)].

    At most MAX_EXPORT_ROWS rows: beyond that nothing is cut silently; the user goes back to `back` (the list with
    the same filters) with a message giving the count, to narrow the filters.
    """
    from openpyxl import Workbook  # imported where used: commands start without it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    count = rows.count()
    if count > MAX_EXPORT_ROWS:
        message = gettext(
            "The list has %(count)s rows; an export holds at most %(max)s. Narrow the filters and export again."
        )
        messages.error(request, message % {"count": f"{count:,}", "max": f"{MAX_EXPORT_ROWS:,}"})
        return redirect(back)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for i in range(1, len(columns) + 1):
        sheet.column_dimensions[get_column_letter(i)].width = 20  # set before the rows in a write-only sheet
    header = []
    for label, _value in columns:
        cell = WriteOnlyCell(sheet, value=str(label))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    texts: dict[int, str] = {}  # a label translated once per export, not once per cell
    bounded = rows[:MAX_EXPORT_ROWS]  # the bound holds even if rows arrive after the count
    for row in bounded.iterator(chunk_size=2000):
        values = [value(row) for _label, value in columns]
        for i, v in enumerate(values):
            if isinstance(v, Promise):
                values[i] = texts.get(id(v)) or texts.setdefault(id(v), str(v))
        values = [_cell_value(v) for v in values]
        for i, v in enumerate(values):
            if isinstance(v, str) and v.startswith("="):
                values[i] = cell = WriteOnlyCell(sheet, value=v)
                cell.data_type = "s"  # text such as "=1+1" stays text, never a formula
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
