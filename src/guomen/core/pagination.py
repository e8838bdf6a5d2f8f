"""One pagination style for every list of the API: `?limit=&offset=` in, `{count, next, previous, results}` out.

`limit` is 1–500 (50 by default) and `offset` 0–10,000,000; anything else answers 422 naming the field (never a
500, never a silent cap). Two ways to use it:

- `@paginated` under `@router.get(..., response=list[ItemOut])`: the view returns a queryset (or `mapped(qs, fn)`
  when each row needs converting) and the envelope, its schema (`PagedItemOut`) and the query parameters follow.
- `page_of(request, qs, pagination, fn)` with a schema derived from `Page` when the view chooses among response
  schemas itself (declarations answer enterprises with a narrower schema).
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase, paginate

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000  # far beyond any list Guomen keeps, far below a 64-bit integer


class PageIn(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page (1–500)")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip (0–10,000,000)")


class Page(Schema):
    """The envelope; a list's schema adds `results: list[ItemOut]`."""

    count: int
    next: str | None = Field(None, description="URL of the next page, or null on the last")
    previous: str | None = Field(None, description="URL of the previous page, or null on the first")


class mapped:
    """A queryset whose rows are converted by `fn` only for the page that is sent."""

    def __init__(self, queryset, fn: Callable[[Any], Any]):
        self.queryset, self.fn = queryset, fn

    def count(self) -> int:
        return _count(self.queryset)

    def __getitem__(self, window: slice) -> list:
        return [self.fn(row) for row in self.queryset[window]]


def _count(rows) -> int:
    try:
        return rows.all().count() if hasattr(rows, "all") else rows.count()
    except TypeError:  # a plain list: list.count needs an argument
        return len(rows)


def _link(request: HttpRequest, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"], query["offset"] = str(limit), str(offset)
    return request.build_absolute_uri(request.path + "?" + urlencode(sorted(query.lists()), doseq=True))


def page_of(request: HttpRequest, rows, pagination: PageIn, fn: Callable[[Any], Any] | None = None) -> dict:
    """The envelope for one page of `rows` (a queryset, a list or `mapped(...)`)."""
    limit, offset = pagination.limit, pagination.offset
    count = rows.count() if isinstance(rows, mapped) else _count(rows)
    results = list(rows[offset : offset + limit])
    if fn is not None:
        results = [fn(row) for row in results]
    return {
        "count": count,
        "next": _link(request, limit, offset + limit) if offset + limit < count else None,
        "previous": _link(request, limit, max(0, offset - limit)) if offset > 0 else None,
        "results": results,
    }


class LimitOffsetPagination(PaginationBase):
    Input = PageIn
    items_attribute = "results"

    class Output(Page):
        results: list[Any]

    def paginate_queryset(self, queryset, pagination: PageIn, request: HttpRequest, **params: Any) -> dict:
        return page_of(request, queryset, pagination)


paginated = paginate(LimitOffsetPagination)
"""Decorator for a list operation: `@router.get("", response=list[ItemOut])` then `@paginated`."""
