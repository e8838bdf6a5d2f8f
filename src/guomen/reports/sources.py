"""Statistics from the other apps (labs, risk, supervision, complaints, campaigns), each used when installed.

A table whose source model is not in this installation is None: the pages list it as not connected.
"""

import datetime as dt

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import scope
from .figures import Rate
from .tables import INT, NUMBER, RATE, Column, Table

SOURCE_TITLES = {
    "lab_turnaround": gettext_lazy("Lab turnaround"),
    "complaints": gettext_lazy("Complaints and on-time replies"),
    "risk_signals": gettext_lazy("Risk signals by source"),
    "warnings": gettext_lazy("Early warnings and measures"),
    "spot_checks": gettext_lazy("Spot checks"),
    "campaigns": gettext_lazy("Campaigns"),
    "certification": gettext_lazy("Certification supervision"),
    "recalls": gettext_lazy("Recalls"),
    "port_lines": gettext_lazy("Port food hygiene, inspection agencies, dangerous goods and solid waste"),
    "export_notifications": gettext_lazy("Foreign notifications on exports and their trace-back"),
    "emergency": gettext_lazy("Emergency plans and drills"),
}


def _model(label: str, name: str):
    try:
        return apps.get_model(label, name)
    except LookupError:
        return None


def _has(model, *fields: str) -> bool:
    try:
        for name in fields:
            model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _between(field: str, f, *, datetime: bool) -> Q:
    start, end = f.period.start, f.period.end
    if datetime:
        start, end = _aware(start), _aware(end)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _labels(model, field: str) -> dict:
    return dict(model._meta.get_field(field).choices or [])


def lab_turnaround(f) -> Table | None:
    Sample = _model("labs", "Sample")
    if Sample is None or not _has(Sample, "approved_at", "due_date", "laboratory", "port"):
        return None
    qs = scope.scoped(Sample.objects.all(), f, "port").filter(_between("approved_at", f, datetime=True))
    days = ExpressionWrapper(F("approved_at") - F("created_at"), output_field=DurationField())
    rows = (
        qs.values("laboratory__name")
        .annotate(
            n=Count("pk"), avg=Avg(days), on_time=Count("pk", filter=Q(approved_at__date__lte=F("due_date")))
        )
        .order_by("laboratory__name")
    )
    table = Table(
        "lab_turnaround",
        str(SOURCE_TITLES["lab_turnaround"]),
        [
            Column("laboratory", _("laboratory")),
            Column("samples", _("samples with approved results"), INT),
            Column("days", _("average days from registration to approval"), NUMBER),
            Column("on_time", _("approved by the due date"), INT),
            Column("on_time_rate", _("on-time rate"), RATE),
        ],
    )
    for r in rows:
        avg = r["avg"].total_seconds() / 86400 if r["avg"] is not None else None
        table.rows.append([r["laboratory__name"], r["n"], avg, r["on_time"], Rate(r["on_time"], r["n"])])
    return table


def complaints(f) -> Table | None:
    try:
        from guomen.complaints.selectors import feedback_rate
    except ImportError:
        return None
    numerator, denominator = feedback_rate(start=f.period.start, end=f.period.last_day, org=f.unit)
    return Table(
        "complaints",
        str(SOURCE_TITLES["complaints"]),
        [
            Column("received", _("complaints received"), INT),
            Column("on_time", _("replied to on time"), INT),
            Column("rate", _("complaint-feedback rate"), RATE),
        ],
        rows=[[denominator, numerator, Rate(int(numerator), int(denominator))]],
    )


def risk_signals(f) -> Table | None:
    Signal = _model("risk", "RiskSignal")
    if Signal is None:
        return None
    qs = scope.scoped(Signal.objects.all(), f, "org").filter(_between("occurred_on", f, datetime=False))
    labels = _labels(Signal, "source")
    table = Table(
        "risk_signals",
        str(SOURCE_TITLES["risk_signals"]),
        [Column("source", _("source")), Column("signals", _("risk signals"), INT)],
    )
    for r in qs.values("source").annotate(n=Count("pk")).order_by("-n"):
        table.rows.append([str(labels.get(r["source"], r["source"])), r["n"]])
    return table


def warnings(f) -> Table | None:
    Warning_ = _model("risk", "EarlyWarning")
    Measure = _model("risk", "Measure")
    if Warning_ is None or Measure is None or not _has(Measure, "kind", "warning"):
        return None
    table = Table(
        "warnings",
        str(SOURCE_TITLES["warnings"]),
        [
            Column("what", _("warning or measure")),
            Column("status", _("status")),
            Column("n", pgettext_lazy("quantity", "number"), INT),
        ],
    )
    w_labels = _labels(Warning_, "status")
    ws = scope.scoped(Warning_.objects.all(), f, "org").filter(_between("created_at", f, datetime=True))
    for r in ws.values("status").annotate(n=Count("pk")).order_by("status"):
        table.rows.append([_("early warning"), str(w_labels.get(r["status"], r["status"])), r["n"]])
    m_labels, s_labels = _labels(Measure, "kind"), _labels(Measure, "status")
    ms = scope.scoped(Measure.objects.all(), f, "warning__org").filter(
        _between("created_at", f, datetime=True)
    )
    for r in ms.values("kind", "status").annotate(n=Count("pk")).order_by("kind", "status"):
        table.rows.append(
            [str(m_labels.get(r["kind"], r["kind"])), str(s_labels.get(r["status"], r["status"])), r["n"]]
        )
    return table


def spot_checks(f) -> Table | None:
    Check = _model("supervision", "SpotCheckTask")
    if Check is None or not _has(Check, "recorded_at", "result", "enterprise"):
        return None
    qs = scope.scoped(Check.objects.all(), f, "enterprise__org").filter(
        _between("recorded_at", f, datetime=True)
    )
    labels = _labels(Check, "result")
    table = Table(
        "spot_checks",
        str(SOURCE_TITLES["spot_checks"]),
        [Column("result", _("result")), Column("checks", _("spot checks recorded"), INT)],
    )
    for r in qs.values("result").annotate(n=Count("pk")).order_by("result"):
        table.rows.append([str(labels.get(r["result"], r["result"])) or "—", r["n"]])
    return table


def campaigns(f) -> Table | None:
    Campaign = _model("campaigns", "Campaign")
    if Campaign is None or not _has(Campaign, "org", "status", "starts_on", "ends_on"):
        return None
    qs = scope.scoped(Campaign.objects.all(), f, "org").filter(
        starts_on__lt=f.period.end, ends_on__gte=f.period.start
    )
    labels = _labels(Campaign, "status")
    table = Table(
        "campaigns",
        str(SOURCE_TITLES["campaigns"]),
        [Column("status", _("status")), Column("campaigns", _("campaigns running in the month"), INT)],
    )
    for r in qs.values("status").annotate(n=Count("pk")).order_by("status"):
        table.rows.append([str(labels.get(r["status"], r["status"])), r["n"]])
    return table


def certification(f) -> Table | None:
    """Certified enterprises and their supervision in the month: certificates in force at its end, annual
    checks recorded (with non-conformities), mark-misuse cases opened."""
    Certificate = _model("certification", "Certificate")
    Check = _model("certification", "AnnualCheck")
    Case = _model("certification", "MarkMisuseCase")
    if Certificate is None or Check is None or Case is None:
        return None
    start, end = f.period.start, f.period.end
    in_force = scope.scoped(Certificate.objects.all(), f, "org").filter(
        status="valid", valid_from__lt=end, valid_until__gte=end
    )
    checks = list(
        scope.scoped(Check.objects.all(), f, "org")
        .filter(checked_on__gte=start, checked_on__lt=end)
        .values_list("results", flat=True)
    )
    cases = scope.scoped(Case.objects.all(), f, "org").filter(found_on__gte=start, found_on__lt=end)
    table = Table(
        "certification",
        str(SOURCE_TITLES["certification"]),
        [
            Column("measure", pgettext_lazy("indicator", "measure")),
            Column("count", pgettext_lazy("quantity", "count"), INT),
        ],
    )
    table.rows += [
        [_("certificates in force at the end of the month"), in_force.count()],
        [_("certified enterprises"), in_force.values("enterprise").distinct().count()],
        [_("annual checks recorded"), len(checks)],
        [_("annual checks with non-conformities"), sum(1 for r in checks if "nc" in (r or {}).values())],
        [_("certification-mark misuse cases opened"), cases.count()],
    ]
    return table


def recalls(f) -> Table | None:
    """Recalls opened in the month by status, with the units affected and recovered."""
    Recall = _model("recalls", "Recall")
    if Recall is None:
        return None
    qs = scope.scoped(Recall.objects.all(), f, "org").filter(
        reported_on__gte=f.period.start, reported_on__lt=f.period.end
    )
    labels = _labels(Recall, "status")
    table = Table(
        "recalls",
        str(SOURCE_TITLES["recalls"]),
        [
            Column("status", _("status")),
            Column("recalls", _("recalls opened in the month"), INT),
            Column("affected", _("units affected"), INT),
            Column("recovered", _("units recovered"), INT),
        ],
    )
    rows = qs.values("status").annotate(n=Count("pk"), a=Sum("units_affected"), r=Sum("units_recovered"))
    for r in rows.order_by("status"):
        table.rows.append([str(labels.get(r["status"], r["status"])), r["n"], r["a"] or 0, r["r"] or 0])
    return table


def port_lines(f) -> Table | None:
    """The port lines of work in the month (portlines): food hygiene licences in force on its last day (by their
    dates and their status then, from the status history) and graded in it, hygiene monitoring, solid-waste
    consignees registered, inspection agencies registered and 口岸天平 findings, packaging makers, performance tests
    and use inspections."""
    names = ("FoodLicence", "WasteConsignee", "AgencyFinding", "PackagingUse")
    Licence, Consignee, Finding, Use = (_model("portlines", name) for name in names)
    if Licence is None:
        return None
    from guomen.portlines.selectors import licences_in_force

    start, end = f.period.start, f.period.end
    licences = scope.scoped(Licence.objects.all(), f, "org")
    graded = dict(
        licences.filter(graded_on__gte=start, graded_on__lt=end).values_list("grade").annotate(n=Count("pk"))
    )
    findings = scope.scoped(Finding.objects.all(), f, "org").filter(found_on__gte=start, found_on__lt=end)
    uses = scope.scoped(Use.objects.all(), f, "org").filter(inspected_on__gte=start, inspected_on__lt=end)
    consignees = scope.scoped(Consignee.objects.all(), f, "org")
    table = Table(
        "port_lines",
        str(SOURCE_TITLES["port_lines"]),
        [Column("item", _("item")), Column("count", _("count"), INT)],
    )
    table.rows += [
        [
            _("port food hygiene licences in force at the end of the month"),
            licences_in_force(licences, f.period.last_day),
        ],
        *[
            [_("food businesses graded %(grade)s in the month") % {"grade": g}, graded.get(g, 0)]
            for g in "ABC"
        ],
        *_port_hygiene_rows(f),
        [
            _("solid-waste consignees registered"),
            consignees.filter(status="registered", registered_on__lt=end).count(),
        ],
        [
            _("solid-waste consignee applications in the month"),
            consignees.filter(applied_on__gte=start, applied_on__lt=end).count(),
        ],
        *_port_agency_rows(f),
        [_("inspection-agency findings (口岸天平) in the month"), findings.count()],
        [_("of which penalised"), findings.filter(status="penalised").count()],
        *_port_packaging_rows(f),
        [_("dangerous-goods packaging use inspections in the month"), uses.count()],
        [_("of which not fit for use"), uses.filter(result="failed").count()],
    ]
    return table


def _port_hygiene_rows(f) -> list[list]:
    Monitoring = _model("portlines", "HygieneMonitoring")
    if Monitoring is None:
        return []
    month = scope.scoped(Monitoring.objects.exclude(status="withdrawn"), f, "org").filter(
        sampled_on__gte=f.period.start, sampled_on__lt=f.period.end
    )
    counts = month.aggregate(n=Count("pk"), bad=Count("pk", filter=Q(conforming=False)))
    return [
        [_("port hygiene monitoring results in the month"), counts["n"]],
        [_("of which non-conforming"), counts["bad"]],
    ]


def _port_agency_rows(f) -> list[list]:
    Registration = _model("portlines", "AgencyRegistration")
    if Registration is None:
        return []
    from guomen.portlines.selectors import in_force_on

    registered = scope.scoped(Registration.objects.all(), f, "org")
    day = f.period.last_day
    return [
        [
            _("inspection agencies registered at the end of the month"),
            in_force_on(registered, day, live=("registered",), start_field="registered_on"),
        ]
    ]


def _port_packaging_rows(f) -> list[list]:
    Maker = _model("portlines", "PackagingMaker")
    Test = _model("portlines", "PerformanceTest")
    if Maker is None or Test is None:
        return []
    from guomen.portlines.selectors import in_force_on

    makers = scope.scoped(Maker.objects.all(), f, "org")
    tests = scope.scoped(Test.objects.all(), f, "org").filter(
        tested_on__gte=f.period.start, tested_on__lt=f.period.end
    )
    counts = tests.aggregate(n=Count("pk"), failed=Count("pk", filter=Q(passed=False)))
    return [
        [
            _("dangerous-goods packaging makers registered at the end of the month"),
            in_force_on(makers, f.period.last_day, live=("registered",), start_field="registered_on"),
        ],
        [_("packaging performance tests in the month"), counts["n"]],
        [_("of which failed (batch not to be used)"), counts["failed"]],
    ]


def export_notifications(f) -> Table | None:
    """Notifications about Chinese goods in the month: received (all units), traced to the jurisdiction, and the
    trace-back cases of the jurisdiction by status."""
    TraceNotification = _model("tracebacks", "TraceNotification")
    TraceCase = _model("tracebacks", "TraceCase")
    if TraceNotification is None or TraceCase is None:
        return None
    month = Q(notified_on__gte=f.period.start, notified_on__lt=f.period.end)
    received = TraceNotification.objects.filter(month)
    table = Table(
        "export_notifications",
        str(SOURCE_TITLES["export_notifications"]),
        [Column("item", _("item")), Column("count", _("count"), INT)],
    )
    counts = dict(received.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    table.rows += [
        [_("notifications about goods of Chinese origin received (all units)"), sum(counts.values())],
        [_("still awaiting a decision (all units)"), counts.get("pending", 0)],
        [_("unmatched (all units)"), counts.get("unmatched", 0)],
        [
            _("traced back to an exporter of the jurisdiction"),
            received.filter(status="confirmed", attributed_org__path__startswith=f.path).count(),
        ],
    ]
    cases = scope.scoped(TraceCase.objects.all(), f, "org").filter(
        notification__notified_on__gte=f.period.start, notification__notified_on__lt=f.period.end
    )
    labels = _labels(TraceCase, "status")
    for status, n in cases.values_list("status").annotate(n=Count("pk")).order_by("status"):
        table.rows.append([_("trace-back cases: %(status)s") % {"status": labels.get(status, status)}, n])
    return table


def emergency(f) -> Table | None:
    """Emergency plans of the jurisdiction: plans in force at the end of the month, drills held in it, responses
    started, closed with a review and still under way at its end."""
    Plan, Drill, Activation = (_model("emergency", name) for name in ("EmergencyPlan", "Drill", "Activation"))
    if Plan is None or Drill is None or Activation is None:
        return None
    start, end = f.period.start, f.period.end
    activations = scope.scoped(Activation.objects.all(), f, "plan__org")
    table = Table(
        "emergency",
        str(SOURCE_TITLES["emergency"]),
        [Column("item", _("item")), Column("count", _("count"), INT)],
    )
    table.rows += [
        [
            _("emergency plans in force"),
            scope.scoped(Plan.objects.all(), f, "org").filter(revised_on__lt=end).count(),
        ],
        [
            _("drills held in the month"),
            scope.scoped(Drill.objects.all(), f, "plan__org")
            .filter(held_on__gte=start, held_on__lt=end)
            .count(),
        ],
        [
            _("plans activated in the month"),
            activations.filter(started_on__gte=start, started_on__lt=end).count(),
        ],
        [
            _("responses closed with a review in the month"),
            activations.filter(closed_on__gte=start, closed_on__lt=end).count(),
        ],
        [
            _("responses under way at the end of the month"),
            activations.filter(started_on__lt=end)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=end))
            .count(),
        ],
    ]
    return table


SOURCE_TABLES = {
    "lab_turnaround": lab_turnaround,
    "complaints": complaints,
    "risk_signals": risk_signals,
    "warnings": warnings,
    "spot_checks": spot_checks,
    "campaigns": campaigns,
    "certification": certification,
    "recalls": recalls,
    "port_lines": port_lines,
    "export_notifications": export_notifications,
    "emergency": emergency,
}
