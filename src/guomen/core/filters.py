"""One filter definition per list, shared by the page, the API and the export (NetBox's FilterSet pattern).

A list's filters are a `FilterSet` (a ninja Schema) defined next to its selector; the selector takes it. The API
takes it as `Query[MyFilters]` (documented, validated: a bad value is a 422 naming the field), and the page and
the export build it from the query string with `MyFilters.from_query(request.GET)`, which drops a value it cannot
read rather than failing the page. The names of the query parameters are the same everywhere (field aliases).
"""

from typing import Self

from ninja import Schema
from pydantic import ConfigDict, ValidationError


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
                    value = "1"
                out[field.alias or name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return out
