"""The bureau's KPIs: 质量三率 (quality) and 监管三率 (supervision), each for a month, the month before and
the same month a year earlier, with numerator and denominator.

Definitions (also shown in the UI, see DEFINITIONS):
- 检出率 detection rate: inspection tasks with a non-conforming result / inspection tasks with a result,
  by inspection date (the task's due date), cancelled tasks excluded.
- 境外通报率 foreign-notification rate: foreign notifications about goods of Chinese origin whose trace-back
  confirmed an exporter of the jurisdiction (by notification date) / export consignments declared in the
  jurisdiction (by departure date); drill-down to the trace-back cases.
- 社会投诉反馈率 public complaint feedback rate: complaints received in the month and answered by its end /
  complaints received in the month.
- 企业质量体系推广率 QMS promotion rate: enterprises on file applying a certified QMS (ISO 9001) or HACCP /
  enterprises on file at the end of the month.
- 分类管理率, 诚信管理率: enterprises on file holding a class (I–IV) / a credit grade at the end of the month, as
  their page showed it then (reports.snapshots), over enterprises on file at the end of the month.
Stricter variants shown as additional indicators: 投诉处理及时率 (replied on time) and 质量管理体系建立率
(certified ISO 9001 only).
"""

import datetime as dt
from dataclasses import dataclass, replace

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guomen.declarations.choices import Direction
from guomen.inspections.choices import Outcome
from guomen.registry.choices import CreditGrade, EnterpriseClass

from . import rollup, scope, snapshots
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
    seed: str = ""  # the seed report's wording that the indicator follows


SEED_QUALITY = _(
    "Seed: the quality three rates are the detection, foreign-notification and complaint feedback rates"
)


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
        SEED_QUALITY,
    ),
    Definition(
        "foreign_notification",
        "quality",
        _("Foreign-notification rate"),
        _("foreign notifications about our exports"),
        _("export consignments"),
        _(
            "Foreign notifications (RASFF or any country's authority) about goods of Chinese origin that an "
            "analyst traced back to an exporter of the jurisdiction (match confirmed), by date of notification, "
            "divided by export consignments (export declarations) declared in the jurisdiction, by departure "
            "date; cancelled declarations and unmatched notifications are left out."
        ),
        SEED_QUALITY,
    ),
    Definition(
        "complaint_feedback",
        "quality",
        _("Public complaint feedback rate"),
        _("complaints answered by the end of the month"),
        _("complaints received"),
        _(
            "Complaints from the public (12365) received in the month that had been answered (feedback given "
            "to the complainant) by the end of the month, whether on time or late, divided by the complaints "
            "received in the month."
        ),
        SEED_QUALITY,
    ),
    Definition(
        "qms_promotion",
        "supervision",
        _("Enterprise QMS promotion rate"),
        _("enterprises that have adopted a quality management system (ISO 9001 or HACCP)"),
        _("enterprises on file"),
        _(
            "Enterprises on file that apply an advanced quality management system promoted by the bureau "
            "(ISO 9000-family QMS or HACCP, certified), divided by the enterprises on file (filed) in the "
            "jurisdiction at the end of the month."
        ),
        _("Seed: promote advanced QMS; ISO 9000 and HACCP certified enterprises as a share of all"),
    ),
    Definition(
        "classification",
        "supervision",
        _("Classification rate"),
        _("enterprises under classified management (class I–IV)"),
        _("enterprises on file"),
        _(
            "Enterprises on file that held a supervision class (I to IV) at the end of the month, as shown "
            "on their page then (past months from the history of class changes), divided by the enterprises "
            "on file in the jurisdiction at the end of the month."
        ),
        _("Seed: enterprises under classified management as a share of all, with class I and II shares"),
    ),
    Definition(
        "credit",
        "supervision",
        _("Credit-management rate"),
        _("enterprises under credit management (with a credit grade AA–D)"),
        _("enterprises on file"),
        _(
            "Enterprises on file that held a credit grade (AA, A, B, C or D) at the end of the month, the "
            "grade their page showed then (past months from the history of grade changes), divided by the "
            "enterprises on file in the jurisdiction at the end of the month."
        ),
        _("Seed: enterprises under credit management, with the AA, A and B shares"),
    ),
    Definition(
        "complaint_on_time",
        "additional",
        _("On-time complaint reply rate"),
        _("complaints replied to on time"),
        _("complaints received"),
        _(
            "Stricter than the public complaint feedback rate: complaints (12365) received in the month and "
            "replied to within their deadline, divided by complaints received in the month."
        ),
        "",
    ),
    Definition(
        "qms_certified",
        "additional",
        _("Certified QMS rate"),
        _("enterprises with a certified quality management system"),
        _("enterprises on file"),
        _(
            "Stricter than the QMS promotion rate: enterprises on file whose ISO 9001 quality management "
            "system is certified (HACCP alone does not count), divided by the enterprises on file at the end "
            "of the month."
        ),
        "",
    ),
]
GROUP_LABELS = {
    "quality": _("Quality KPIs"),
    "supervision": _("Supervision KPIs"),
    "additional": _("Additional indicators (stricter variants)"),
}
DEFINITION_BY_KEY = {d.key: d for d in DEFINITIONS}


@dataclass(frozen=True)
class Kpi:
    definition: Definition
    current: Rate | None  # None: the source is not available in this installation
    previous: Rate | None
    year_ago: Rate | None
    breakdown: tuple = ()  # (label, Rate) per class or grade, as the seed reports them

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def group_label(self) -> str:
        return GROUP_LABELS[self.definition.group]

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
            "numerator_label": str(self.definition.numerator),
            "denominator_label": str(self.definition.denominator),
            "seed": str(self.definition.seed),
            "breakdown": [{"label": str(label), **rate.as_dict()} for label, rate in self.breakdown],
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
    """Confirmed trace-backs attributed to the jurisdiction (tracebacks.selectors.confirmed_notifications)."""
    try:
        from guomen.tracebacks.selectors import confirmed_notifications
    except ImportError:
        return [Rate(0, d) for d in export_counts(f)]
    confirmed = confirmed_notifications(f.path, enterprise=f.enterprise)
    num = counts_by_period(confirmed, "notified_on", _periods(f), n=Q())
    return [Rate(n["n"], d) for n, d in zip(num, export_counts(f), strict=True)]


def complaint_rates(f) -> dict[str, list[Rate] | None]:
    """From complaints.selectors.feedback_counts(start, end, org) once the complaints app provides it:
    answered by the end of the month (社会投诉反馈率) and replied on time (the stricter variant)."""
    try:
        from guomen.complaints.selectors import feedback_counts
    except ImportError:
        return {"complaint_feedback": None, "complaint_on_time": None}
    answered, on_time = [], []
    for p in _periods(f):
        counts = feedback_counts(start=p.start, end=p.last_day, org=f.unit)
        answered.append(Rate(counts.answered, counts.received))
        on_time.append(Rate(counts.on_time, counts.received))
    return {"complaint_feedback": answered, "complaint_on_time": on_time}


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _on_file_by(p: Period) -> Q:
    return Q(filed_on__lt=p.end) | Q(filed_on__isnull=True, created_at__lt=_aware(p.end))


def supervision_rates(f) -> tuple[dict[str, list[Rate]], dict[str, tuple]]:
    """The three supervision rates (and the stricter certified-QMS rate) for the three periods, with the
    current month's breakdown by class and by credit grade."""
    periods = _periods(f)
    qs = scope.enterprises(f)
    flags = {}
    for i, p in enumerate(periods):
        on_file = _on_file_by(p)
        flags[f"qms_{i}"] = Count("pk", filter=on_file & Q(qms_certified=True))
        flags[f"promoted_{i}"] = Count(
            "pk", filter=on_file & (Q(qms_certified=True) | Q(haccp_certified=True))
        )
    row = qs.aggregate(**flags)
    standing = snapshots.standing_counts(qs, [p.end for p in periods], lambda i: _on_file_by(periods[i]))
    rates = {"qms_promotion": [], "qms_certified": [], "classification": [], "credit": []}
    for i, counts in enumerate(standing):
        den = counts["on_file"]
        rates["qms_promotion"].append(Rate(row[f"promoted_{i}"], den))
        rates["qms_certified"].append(Rate(row[f"qms_{i}"], den))
        rates["classification"].append(Rate(sum(counts["classification"].values()), den))
        rates["credit"].append(Rate(sum(counts["credit_grade"].values()), den))
    now = standing[0]
    breakdowns = {
        "classification": tuple(
            (label, Rate(now["classification"][value], rates["classification"][0].numerator))
            for value, label in EnterpriseClass.choices
        ),
        "credit": tuple(
            (label, Rate(now["credit_grade"][value], rates["credit"][0].numerator))
            for value, label in CreditGrade.choices
        ),
    }
    return rates, breakdowns


def kpi_board(f) -> list[Kpi]:
    """All six KPIs for the filter's period and jurisdiction."""
    supervision, breakdowns = supervision_rates(f)
    rates: dict[str, list[Rate] | None] = {
        "detection": detection_rates(f),
        "foreign_notification": foreign_notification_rates(f),
        **complaint_rates(f),
        **supervision,
    }
    board = []
    for definition in DEFINITIONS:
        values = rates.get(definition.key)
        if values is None:
            board.append(Kpi(definition, None, None, None))
        else:
            board.append(Kpi(definition, *values, breakdown=breakdowns.get(definition.key, ())))
    return board
