"""An enterprise's class and credit grade as they stood at a moment in the past.

The registry holds today's values (what every enterprise page shows); the supervision app writes each change of
class or credit grade to its history (StandingChange: recomputes, overrides and edits on the registry page).
The value at a moment is the `after` of the last change before it, else the `before` of the first change after
it, else today's value — so a month's figures stay what they were when the month ended.
"""

import datetime as dt

from django.apps import apps
from django.db.models import CharField, Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from guomen.registry.choices import CreditGrade, EnterpriseClass

FIELDS = {"credit_grade": CreditGrade, "classification": EnterpriseClass}


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def value_at(field: str, moment: dt.datetime):
    """An expression: the enterprise's `field` as it stood just before `moment`."""
    try:
        change = apps.get_model("supervision", "StandingChange")
    except LookupError:
        return Coalesce(field, Value(""), output_field=CharField())
    mine = change.objects.filter(enterprise=OuterRef("pk"), field=field)
    last_before = mine.filter(at__lt=moment).order_by("-at", "-id").values("after")[:1]
    first_after = mine.filter(at__gte=moment).order_by("at", "id").values("before")[:1]
    return Coalesce(Subquery(last_before), Subquery(first_after), field, output_field=CharField())


def standing_counts(qs, ends: list[dt.date], on_file) -> list[dict[str, int]]:
    """For each period end: enterprises on file (`on_file(i)` is their Q), and how many of them held each
    credit grade and each class at that moment. One query."""
    annotated = qs
    aggregates = {}
    for i, end in enumerate(ends):
        moment = _aware(end)
        for field, values in FIELDS.items():
            annotated = annotated.annotate(**{f"{field}_{i}": value_at(field, moment)})
            for value in values.values:
                aggregates[f"{field}_{value}_{i}"] = Count(
                    "pk", filter=on_file(i) & Q(**{f"{field}_{i}": value})
                )
        aggregates[f"on_file_{i}"] = Count("pk", filter=on_file(i))
    row = annotated.aggregate(**aggregates)
    out = []
    for i in range(len(ends)):
        counts = {"on_file": row[f"on_file_{i}"]}
        for field, values in FIELDS.items():
            counts[field] = {value: row[f"{field}_{value}_{i}"] for value in values.values}
        out.append(counts)
    return out
