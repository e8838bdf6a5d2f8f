"""Bounds every list's paging numbers so no request can ask the database for an offset past its integers."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

MAX_OFFSET = 10_000_000  # far beyond any list Guomen keeps, far below a 64-bit integer
MAX_PAGE = 1_000_000


class PageNumberPagination(NinjaPageNumberPagination):
    """ninja's page-number pagination with an upper bound on `page` and `page_size`."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=500)


OffsetField = Field(0, ge=0, le=MAX_OFFSET)
