"""Daily rollup of inspections (InspectionDay) so that trend charts over many months read a few thousand rows.

Days before RollupState.through come from the rollup; later days (today at least) are counted live. The nightly
refresh recounts the last REFRESH_DAYS days, so results recorded late for older tasks are picked up too.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from guomen.inspections.choices import TaskStatus
from guomen.inspections.models import InspectionTask

from .models import InspectionDay, RollupState
from .stats import DONE, NC

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
    old = InspectionDay.objects.all()
    if since is not None:
        tasks = tasks.filter(due_date__gte=since)
        old = old.filter(day__gte=since)
    old.delete()
    rows = (
        tasks.values("due_date", "port_id", "declaration__direction", "declaration__origin_country_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=DONE), bad=Count("pk", filter=NC))
        .order_by()
    )
    written = 0
    batch: list[InspectionDay] = []
    for r in rows.iterator(chunk_size=BATCH):
        batch.append(
            InspectionDay(
                day=r["due_date"],
                port_id=r["port_id"],
                direction=r["declaration__direction"],
                origin=r["declaration__origin_country_id"],
                tasks=r["n"],
                inspected=r["done"],
                non_conforming=r["bad"],
            )  # fmt: skip
        )
        if len(batch) >= BATCH:
            InspectionDay.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    InspectionDay.objects.bulk_create(batch)
    written += len(batch)
    RollupState.objects.update_or_create(key=KEY, defaults={"through": until})
    return written


def rollup_usable(f) -> bool:
    """The rollup keeps port, direction and origin; a filter on commodity or enterprise is counted live."""
    return f.group is None and not f.hs and f.enterprise is None


def daily_counts(f, start: dt.date, end: dt.date) -> list[dict]:
    """Rows {day, inspected, non_conforming} for [start, end) from the rollup (caller checks rollup_usable)."""
    qs = InspectionDay.objects.filter(port__path__startswith=f.path, day__gte=start, day__lt=end)
    if f.direction:
        qs = qs.filter(direction=f.direction)
    if f.origin is not None:
        qs = qs.filter(origin=f.origin.code)
    rows = (
        qs.values("day").annotate(inspected=Sum("inspected"), non_conforming=Sum("non_conforming")).order_by()
    )
    return [
        {"due_date": r["day"], "inspected": r["inspected"], "non_conforming": r["non_conforming"]}
        for r in rows
    ]
