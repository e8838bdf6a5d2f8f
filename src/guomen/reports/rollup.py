"""Daily rollup of inspections (InspectionDay) so that trend charts over many months read a few thousand rows.

Days before RollupState.through come from the rollup; later days (today at least) are counted live. The nightly
refresh recounts the last REFRESH_DAYS days, so results recorded late for older tasks are picked up too.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from guomen.declarations.choices import DeclarationStatus
from guomen.declarations.models import Declaration
from guomen.inspections.choices import TaskStatus
from guomen.inspections.models import InspectionTask

from .models import InspectionDay, RollupState
from .scope import DONE, NC

KEY = "inspection_day"
REFRESH_DAYS = 62
BATCH = 5000


def rolled_through() -> dt.date | None:
    state = RollupState.objects.filter(key=KEY).first()
    return state.through if state else None


@transaction.atomic
def rollup_refresh(*, since: dt.date | None = None, until: dt.date | None = None) -> int:
    """Recount the days from `since` (default: the last REFRESH_DAYS rolled days; all on the first run) up to
    `until` (exclusive, default today). Returns the number of rollup rows written."""
    until = until or timezone.localdate()
    through = rolled_through()
    # The first run counts everything, or the rollup would claim days it never counted.
    since = None if through is None else min(since or through - dt.timedelta(days=REFRESH_DAYS), through)
    tasks = InspectionTask.objects.exclude(status=TaskStatus.CANCELLED).filter(due_date__lt=until)
    declarations = Declaration.objects.exclude(status=DeclarationStatus.CANCELLED).filter(
        arrival_date__lt=until
    )
    old = InspectionDay.objects.all()
    if since is not None:
        tasks = tasks.filter(due_date__gte=since)
        declarations = declarations.filter(arrival_date__gte=since)
        old = old.filter(day__gte=since)
    old.delete()
    days: dict[tuple, InspectionDay] = {}

    def day_row(key) -> InspectionDay:
        if key not in days:
            days[key] = InspectionDay(day=key[0], port_id=key[1], direction=key[2], origin=key[3])
        return days[key]

    by_task = (
        tasks.values("due_date", "port_id", "declaration__direction", "declaration__origin_country_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=DONE), bad=Count("pk", filter=NC))
        .order_by()
    )
    for r in by_task.iterator(chunk_size=BATCH):
        row = day_row(
            (r["due_date"], r["port_id"], r["declaration__direction"], r["declaration__origin_country_id"])
        )
        row.tasks, row.inspected, row.non_conforming = r["n"], r["done"], r["bad"]
    by_declaration = (
        declarations.values("arrival_date", "port_id", "direction", "origin_country_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in by_declaration.iterator(chunk_size=BATCH):
        day_row((r["arrival_date"], r["port_id"], r["direction"], r["origin_country_id"])).declarations = r[
            "n"
        ]
    InspectionDay.objects.bulk_create(days.values(), batch_size=BATCH)
    written = len(days)
    RollupState.objects.update_or_create(key=KEY, defaults={"through": until})
    return written


def rollup_usable(f) -> bool:
    """The rollup keeps port, direction and origin; a filter on commodity or enterprise is counted live."""
    return f.group is None and not f.hs and f.enterprise is None


def days(f):
    """Rollup rows of the filter's jurisdiction (and direction and origin)."""
    qs = InspectionDay.objects.filter(port__path__startswith=f.path)
    if f.direction:
        qs = qs.filter(direction=f.direction)
    if f.origin is not None:
        qs = qs.filter(origin=f.origin.code)
    return qs


def daily_counts(f, start: dt.date, end: dt.date) -> list[dict]:
    """Rows {due_date, inspected, non_conforming} for [start, end) from the rollup (caller checks rollup_usable)."""
    rows = (
        days(f)
        .filter(day__gte=start, day__lt=end)
        .values("day")
        .annotate(inspected=Sum("inspected"), non_conforming=Sum("non_conforming"))
        .order_by()
    )
    return [
        {"due_date": r["day"], "inspected": r["inspected"], "non_conforming": r["non_conforming"]}
        for r in rows
    ]


Range = tuple[dt.date, dt.date]


def split(f, ranges: list[Range]) -> tuple[list[Range], list[Range]]:
    """Each range cut at the rollup's watermark: (parts read from the rollup, parts counted live)."""
    through = rolled_through()
    if through is None or not rollup_usable(f):
        return [(s, s) for s, _e in ranges], list(ranges)
    cut = [min(max(through, s), e) for s, e in ranges]
    return [(s, c) for (s, _e), c in zip(ranges, cut, strict=True)], [
        (c, e) for (_s, e), c in zip(ranges, cut, strict=True)
    ]
