"""The bureau's KPIs: 质量三率 (quality) and 监管三率 (supervision), each for a month, the month before and
the same month a year earlier, with numerator and denominator.

Definitions (also shown in the UI, see DEFINITIONS):
- 检出率 detection rate: inspection tasks with a non-conforming result / inspection tasks with a result,
  by inspection date (the task's due date), cancelled tasks excluded.
- 境外通报率 foreign-notification rate: risk signals from foreign notifications about goods of Chinese origin
  attributed to the jurisdiction / export consignments declared in the jurisdiction (by departure date).
- 投诉处理及时率 complaint-feedback rate: complaints replied to within their deadline / complaints received
  (from the complaints app's feedback_rate).
- 质量管理体系建立率, 分类管理率, 诚信管理率: enterprises on file with a certified quality management system /
  with a class (I–IV) / with a credit evaluation, over enterprises on file at the end of the month.
"""

import datetime as dt
from dataclasses import dataclass, replace

from django.apps import apps
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guomen.declarations.choices import Direction
from guomen.inspections.choices import Outcome

from . import rollup, scope
from .figures import Change, Rate
from .periods import Period

CHINA = "CN"


@dataclass(frozen=True)
class Definition:
    key: str
    group: str
    name: str
    numerator: str
    denominator: str
    text: str


DEFINITIONS = [
    Definition(
        "detection",
        "quality",
        _("Detection rate"),
        _("non-conforming consignments"),
        _("inspected consignments"),
        _(
            "Inspection tasks whose result is non-conforming, divided by inspection tasks with a recorded "
            "result (conforming or non-conforming), counted by inspection date; cancelled tasks are left out."
        ),
    ),
    Definition(
        "foreign_notification",
        "quality",
        _("Foreign-notification rate"),
        _("foreign notifications about our exports"),
        _("export consignments"),
        _(
            "Risk signals from foreign notifications (e.g. RASFF) about goods of Chinese origin attributed to "
            "the jurisdiction, by date of notification, divided by export consignments declared in the "
            "jurisdiction, by departure date; cancelled declarations are left out."
        ),
    ),
    Definition(
        "complaint_feedback",
        "quality",
        _("Complaint-feedback rate"),
        _("complaints replied to on time"),
        _("complaints received"),
        _(
            "Complaints (12365) received in the month and replied to within their deadline, divided by "
            "complaints received in the month."
        ),
    ),
    Definition(
        "qms",
        "supervision",
        _("QMS-adoption rate"),
        _("enterprises with a certified quality management system"),
        _("enterprises on file"),
        _(
            "Enterprises on file whose quality management system is certified, divided by the enterprises on "
            "file (filed) and supervised in the jurisdiction at the end of the month."
        ),
    ),
    Definition(
        "classification",
        "supervision",
        _("Classification rate"),
        _("enterprises with a class (I–IV)"),
        _("enterprises on file"),
        _(
            "Enterprises on file that have been placed in a supervision class (I to IV), divided by the "
            "enterprises on file in the jurisdiction at the end of the month."
        ),
    ),
    Definition(
        "credit",
        "supervision",
        _("Credit-management rate"),
        _("enterprises with a credit evaluation"),
        _("enterprises on file"),
        _(
            "Enterprises on file whose credit grade has been evaluated by the end of the month, divided by "
            "the enterprises on file in the jurisdiction at the end of the month."
        ),
    ),
]
DEFINITION_BY_KEY = {d.key: d for d in DEFINITIONS}


@dataclass(frozen=True)
class Kpi:
    definition: Definition
    current: Rate | None  # None: the source is not available in this installation
    previous: Rate | None
    year_ago: Rate | None

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def available(self) -> bool:
        return self.current is not None

    @property
    def mom(self) -> Change | None:
        return Change(self.current, self.previous) if self.current else None

    @property
    def yoy(self) -> Change | None:
        return Change(self.current, self.year_ago) if self.current else None

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "group": self.definition.group,
            "name": str(self.definition.name),
            "definition": str(self.definition.text),
            "available": self.available,
            "current": self.current.as_dict() if self.current else None,
            "previous": self.previous.as_dict() if self.previous else None,
            "year_ago": self.year_ago.as_dict() if self.year_ago else None,
            "mom_points": self.mom.points if self.mom else None,
            "yoy_points": self.yoy.points if self.yoy else None,
        }


def _periods(f) -> list[Period]:
    return [f.period, f.period.previous(), f.period.year_ago()]


def _in(field: str, span: tuple[dt.date, dt.date]) -> Q:
    return Q(**{f"{field}__gte": span[0], f"{field}__lt": span[1]})


def aggregate_by_range(qs, field: str, ranges, **measures) -> list[dict[str, int]]:
    """One aggregate query: for each date range, each named measure — Count("pk", filter=Q) for a Q,
    Sum(column) for a column name. Empty ranges give zeros without a query."""
    live = [i for i, (start, end) in enumerate(ranges) if start < end]
    out = [dict.fromkeys(measures, 0) for _r in ranges]
    if not live:
        return out
    span = Q()
    aggregates = {}
    for i in live:
        span |= _in(field, ranges[i])
        for name, measure in measures.items():
            if isinstance(measure, Q):
                aggregates[f"{name}_{i}"] = Count("pk", filter=_in(field, ranges[i]) & measure)
            else:
                aggregates[f"{name}_{i}"] = Sum(measure, filter=_in(field, ranges[i]))
    row = qs.filter(span).aggregate(**aggregates)
    for i in live:
        out[i] = {name: row[f"{name}_{i}"] or 0 for name in measures}
    return out


def counts_by_period(qs, field: str, periods, **conditions: Q) -> list[dict[str, int]]:
    return aggregate_by_range(qs, field, [(p.start, p.end) for p in periods], **conditions)


def _add(a: list[dict], b: list[dict]) -> list[dict]:
    return [{k: x[k] + y[k] for k in x} for x, y in zip(a, b, strict=True)]


def _ranges(f) -> list[tuple[dt.date, dt.date]]:
    return [(p.start, p.end) for p in _periods(f)]


def detection_rates(f) -> list[Rate]:
    """From the daily rollup up to its watermark, live from the tasks after it."""
    rolled, live = rollup.split(f, _ranges(f))
    counts = _add(
        aggregate_by_range(rollup.days(f), "day", rolled, num="non_conforming", den="inspected"),
        aggregate_by_range(
            scope.tasks(f, dated=False),
            "due_date",
            live,
            num=Q(outcome=Outcome.NON_CONFORMING),
            den=Q(outcome__in=[Outcome.CONFORMING, Outcome.NON_CONFORMING]),
        ),
    )
    return [Rate(c["num"], c["den"]) for c in counts]


def export_counts(f) -> list[int]:
    exports = replace(f, direction=Direction.EXPORT)
    rolled, live = rollup.split(exports, _ranges(f))
    counts = _add(
        aggregate_by_range(rollup.days(exports), "day", rolled, n="declarations"),
        aggregate_by_range(scope.declarations(exports, dated=False), "arrival_date", live, n=Q()),
    )
    return [c["n"] for c in counts]


def foreign_notification_rates(f) -> list[Rate]:
    from guomen.risk.choices import SignalSource
    from guomen.risk.models import RiskSignal

    signals = scope.scoped(
        RiskSignal.objects.filter(source=SignalSource.FOREIGN_NOTIFICATION, origin_id=CHINA), f, "org"
    )
    if f.enterprise is not None:
        signals = signals.filter(enterprise=f.enterprise)
    num = counts_by_period(signals, "occurred_on", _periods(f), n=Q())
    return [Rate(n["n"], d) for n, d in zip(num, export_counts(f), strict=True)]


def complaint_feedback_rates(f) -> list[Rate] | None:
    """From complaints.selectors.feedback_rate(start, end, org) once the complaints app provides it."""
    try:
        from guomen.complaints.selectors import feedback_rate
    except ImportError:
        return None
    rates = []
    for p in _periods(f):
        numerator, denominator = feedback_rate(start=p.start, end=p.last_day, org=f.unit)
        rates.append(Rate(int(numerator), int(denominator)))
    return rates


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _on_file_by(p: Period) -> Q:
    return Q(filed_on__lt=p.end) | Q(filed_on__isnull=True, created_at__lt=_aware(p.end))


def _credit_evaluated(p: Period) -> Q:
    """A credit evaluation on record: the supervision app's computed standing when installed, else a grade."""
    try:
        apps.get_model("supervision", "EnterpriseStanding")
    except LookupError:
        return ~Q(credit_grade="")
    return Q(standing__computed_at__lt=_aware(p.end))


def supervision_rates(f) -> dict[str, list[Rate]]:
    periods = _periods(f)
    qs = scope.enterprises(f)
    conditions = {}
    for i, p in enumerate(periods):
        on_file = _on_file_by(p)
        conditions[f"den_{i}"] = Count("pk", filter=on_file)
        conditions[f"qms_{i}"] = Count("pk", filter=on_file & Q(qms_certified=True))
        conditions[f"classification_{i}"] = Count("pk", filter=on_file & ~Q(classification=""))
        conditions[f"credit_{i}"] = Count("pk", filter=on_file & _credit_evaluated(p))
    row = qs.aggregate(**conditions)
    return {
        key: [Rate(row[f"{key}_{i}"], row[f"den_{i}"]) for i in range(len(periods))]
        for key in ("qms", "classification", "credit")
    }


def kpi_board(f) -> list[Kpi]:
    """All six KPIs for the filter's period and jurisdiction."""
    rates: dict[str, list[Rate] | None] = {
        "detection": detection_rates(f),
        "foreign_notification": foreign_notification_rates(f),
        "complaint_feedback": complaint_feedback_rates(f),
        **supervision_rates(f),
    }
    board = []
    for definition in DEFINITIONS:
        values = rates.get(definition.key)
        if values is None:
            board.append(Kpi(definition, None, None, None))
        else:
            board.append(Kpi(definition, *values))
    return board
