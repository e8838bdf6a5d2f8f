"""Frequency levels (EU Regulation 2019/2129 logic) for each origin × commodity group.

When the 12-month non-conformity rate of an origin × group exceeds the all-origins rate of that group by
more than 30%, its level rises one step; when that no longer holds, it falls one step. A level is
reviewed at most every REVIEW_DAYS days (the rates shown are refreshed on every run), so a daily run
does not ratchet a level to the top in three days.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from guomen.core.services import audit_record
from guomen.declarations.models import Declaration

from .choices import MAX_LEVEL
from .models import FrequencyLevel

EXCESS = 1.3
MIN_INSPECTED = 20
REVIEW_DAYS = 30


def twelve_month_counts(today: dt.date) -> dict[tuple[str, str], tuple[int, int]]:
    """(origin, group) → (results, non-conforming) confirmed in the 12 months before `today`."""
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=365), dt.time()))
    until = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    rows = (
        Declaration.objects.filter(
            outcome__in=("conforming", "non_conforming"),
            inspection_tasks__status="closed",
            inspection_tasks__confirmed_at__gte=since,
            inspection_tasks__confirmed_at__lt=until,
            lines__line_no=1,
            lines__hs__group__isnull=False,
        )
        .values("origin_country_id", "lines__hs__group_id")
        .annotate(
            n=Count("id", distinct=True), nc=Count("id", filter=Q(outcome="non_conforming"), distinct=True)
        )
    )
    return {(r["origin_country_id"], r["lines__hs__group_id"]): (r["n"], r["nc"]) for r in rows}


def next_level(level: int, rate: float, group_rate: float, inspected: int) -> int:
    if inspected >= MIN_INSPECTED and group_rate > 0 and rate > group_rate * EXCESS:
        return min(level + 1, MAX_LEVEL)
    return max(level - 1, 0)


@transaction.atomic
def levels_recompute(*, today: dt.date | None = None, actor=None) -> dict:
    """Refresh every origin × group's rates and move levels one step where due. Returns counts."""
    today = today or timezone.localdate()
    counts = twelve_month_counts(today)
    group_totals: dict[str, list[int]] = {}
    for (_origin, group), (n, nc) in counts.items():
        total = group_totals.setdefault(group, [0, 0])
        total[0] += n
        total[1] += nc
    existing = {(r.origin_id, r.commodity_group_id): r for r in FrequencyLevel.objects.select_for_update()}
    changed = raised = 0
    for key in set(counts) | set(existing):
        n, nc = counts.get(key, (0, 0))
        group_n, group_nc = group_totals.get(key[1], (0, 0))
        rate = nc / n if n else 0.0
        group_rate = group_nc / group_n if group_n else 0.0
        row = existing.get(key) or FrequencyLevel(
            origin_id=key[0], commodity_group_id=key[1], computed_on=today
        )
        due = (
            row.pk is None
            or row.level_reviewed_on is None
            or (today - row.level_reviewed_on).days >= REVIEW_DAYS
        )
        new_level = next_level(row.level, rate, group_rate, n) if due else row.level
        before = row.level
        row.inspected, row.non_conforming, row.rate, row.group_rate = n, nc, rate, group_rate
        row.computed_on = today
        if due and (new_level != before or row.pk is None):
            row.level_reviewed_on = today
        row.level = new_level
        row.save()
        if new_level != before:
            changed += 1
            raised += new_level > before
            audit_record(
                actor=actor,
                verb="targeting.level_changed",
                obj=row,
                before={"level": before},
                after={
                    "level": new_level,
                    "rate": round(rate, 4),
                    "group_rate": round(group_rate, 4),
                    "inspected": n,
                },
            )
    return {"levels": len(set(counts) | set(existing)), "changed": changed, "raised": raised}
