"""Every figure of a campaign, computed from the linked records and the outreach records.

inspections        linked inspection tasks + linked spot checks + linked annual checks of certified enterprises
                   (recorded) + linked certification-mark misuse cases
officer_visits     执法人员人次: one per inspection task with a recorded result, two per spot check drawn, one
                   per recorded certification check
enterprises        distinct enterprises: declarants of the inspections, spot-checked enterprises, certified
                   enterprises checked and enterprises of misuse cases
non_conformities   per non-conforming inspection its findings (at least one) + non-conforming checklist items
                   (spot checks and certification checks) + misuse cases penalised
rectified          those of them rectified: spot checks with a rectification date, inspections whose
                   treatment was completed (declaration released after treatment), certification checks
                   closed after rectification
samples            batches sampled: declarations of linked samples (and samples of linked inspections)
                   + batches sampled during spot checks
warnings           linked credit events that are warnings (in force)
signals            linked risk signals
events, visits, materials, people   sums of the outreach records
lines              the lines of work the seed reports count on their own (line_figures): 口岸天平 checks of
                   inspection agencies, complaints (those against inspection agencies), annual checks of certified
                   enterprises, special checks of car dealers, recalls, cases handed over to / received from
                   partner agencies on the campaign
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum

from .choices import ActivityCategory, LinkKind, Metric


def _linked_ids(campaign) -> dict[str, list[int]]:
    ids = defaultdict(list)
    for kind, object_id in campaign.links.values_list("kind", "object_id"):
        ids[kind].append(object_id)
    return ids


def _inspection_figures(task_ids) -> dict:
    from guomen.inspections.models import InspectionTask

    tasks = list(
        InspectionTask.objects.filter(pk__in=task_ids)
        .annotate(n_findings=Count("findings"))
        .values(
            "pk",
            "declaration_id",
            "declaration__declarant_id",
            "declaration__status",
            "outcome",
            "disposition",
            "recorded_by_id",
            "n_findings",
        )
    )
    nc = rectified = 0
    for t in tasks:
        if t["outcome"] == "non_conforming":
            found = max(1, t["n_findings"])
            nc += found
            if t["disposition"] == "treatment" and t["declaration__status"] == "released":
                rectified += found
    return {
        "count": len(tasks),
        "officers": sum(1 for t in tasks if t["recorded_by_id"]),
        "enterprises": {t["declaration__declarant_id"] for t in tasks},
        "declarations": {t["declaration_id"] for t in tasks},
        "nc": nc,
        "rectified": rectified,
    }


def _spot_check_figures(task_ids) -> dict:
    from guomen.supervision.models import SpotCheckTask

    tasks = list(
        SpotCheckTask.objects.filter(pk__in=task_ids)
        .exclude(status="cancelled")
        .annotate(n_bad=Count("items", filter=Q(items__outcome="non_conform")))
        .values("enterprise_id", "inspector_a_id", "inspector_b_id", "n_bad", "rectified_on", "samples_taken")
    )
    return {
        "count": len(tasks),
        "officers": sum(bool(t["inspector_a_id"]) + bool(t["inspector_b_id"]) for t in tasks),
        "enterprises": {t["enterprise_id"] for t in tasks},
        "nc": sum(t["n_bad"] for t in tasks),
        "rectified": sum(t["n_bad"] for t in tasks if t["rectified_on"]),
        "samples": sum(t["samples_taken"] for t in tasks),
    }


def _certification_figures(check_ids, case_ids) -> dict:
    """Annual checks of certified enterprises and mark-misuse cases, when the certification app is installed."""
    from django.apps import apps

    try:
        check_model = apps.get_model("certification", "AnnualCheck")
        case_model = apps.get_model("certification", "MarkMisuseCase")
    except LookupError:
        return {"count": 0, "officers": 0, "enterprises": set(), "nc": 0, "rectified": 0}
    checks = list(
        check_model.objects.filter(pk__in=check_ids, checked_on__isnull=False).values(
            "certificate__enterprise_id", "results", "rectified_on"
        )
    )
    cases = list(case_model.objects.filter(pk__in=case_ids).values("enterprise_id", "status"))
    bad = [sum(1 for v in (c["results"] or {}).values() if v == "nc") for c in checks]
    return {
        "count": len(checks) + len(cases),
        "officers": len(checks),
        "enterprises": {c["certificate__enterprise_id"] for c in checks}
        | {c["enterprise_id"] for c in cases},
        "nc": sum(bad) + sum(1 for c in cases if c["status"] in ("penalised", "closed")),
        "rectified": sum(n for n, c in zip(bad, checks, strict=True) if c["rectified_on"]),
    }


def _agency_figures(finding_ids) -> dict:
    """Findings of 口岸天平 checks of inspection agencies: each a check of an agency, penalised ones a
    non-conformity."""
    from django.apps import apps

    try:
        model = apps.get_model("portlines", "AgencyFinding")
    except LookupError:
        return {"count": 0, "enterprises": set(), "nc": 0}
    rows = list(model.objects.filter(pk__in=finding_ids).values("enterprise_id", "status"))
    return {
        "count": len(rows),
        "enterprises": {r["enterprise_id"] for r in rows},
        "nc": sum(1 for r in rows if r["status"] == "penalised"),
    }


def service_figures(service_ids) -> dict:
    """Meetings and training for enterprises linked to the campaign: how many, whom they reached."""
    from guomen.supervision.models import EnterpriseService, ServiceAttendance

    kinds = dict(
        EnterpriseService.objects.filter(pk__in=service_ids)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    reached = ServiceAttendance.objects.filter(service_id__in=service_ids).aggregate(
        enterprises=Count("enterprise", distinct=True), people=Sum("attendees")
    )
    return {
        "count": sum(kinds.values()),
        "meetings": kinds.get("quality_meeting", 0),
        "trainings": kinds.get("training", 0),
        "enterprises": reached["enterprises"] or 0,
        "people": int(reached["people"] or 0),
    }


def _sampled_batches(sample_ids, inspection_declarations) -> int:
    from guomen.labs.models import Sample

    batches = set(Sample.objects.filter(pk__in=sample_ids).values_list("declaration_id", flat=True))
    batches |= set(
        Sample.objects.filter(declaration_id__in=inspection_declarations).values_list(
            "declaration_id", flat=True
        )
    )
    return len(batches)


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def line_figures(campaign, ids) -> dict:
    """The seed reports' own counts of the campaign's linked records, line by line (one statement per line)."""
    findings = list(
        _model("portlines.AgencyFinding")
        .objects.filter(pk__in=ids[LinkKind.AGENCY_FINDING])
        .values_list("enterprise_id", "status")
    )
    complaints = list(
        _model("complaints.Complaint")
        .objects.filter(pk__in=ids[LinkKind.COMPLAINT])
        .values_list("enterprise__kind", flat=True)
    )
    checks = list(
        _model("certification.AnnualCheck")
        .objects.filter(pk__in=ids[LinkKind.CERTIFICATION_CHECK], checked_on__isnull=False)
        .values_list("certificate__enterprise_id", flat=True)
    )
    dealers = list(
        _model("supervision.SpotCheckTask")
        .objects.filter(pk__in=ids[LinkKind.SPOT_CHECK], enterprise__kind="car_dealer")
        .exclude(status="cancelled")
        .values_list("enterprise_id", flat=True)
    )
    recalls = (
        _model("recalls.Recall")
        .objects.filter(pk__in=ids[LinkKind.RECALL])
        .aggregate(n=Count("id"), affected=Sum("units_affected"), recovered=Sum("units_recovered"))
    )
    handovers = dict(
        _model("enforcement.Handover")
        .objects.filter(campaign=campaign)
        .values_list("direction")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "agency_checks": len(findings),
        "agencies": len({e for e, _status in findings}),
        "agency_penalised": sum(1 for _e, status in findings if status == "penalised"),
        "complaints": len(complaints),
        "agency_complaints": sum(1 for kind in complaints if kind == "inspection_agency"),
        "certification_checks": len(checks),
        "certified_enterprises": len(set(checks)),
        "dealer_checks": len(dealers),
        "dealers": len(set(dealers)),
        "recalls": recalls["n"] or 0,
        "recall_units_affected": int(recalls["affected"] or 0),
        "recall_units_recovered": int(recalls["recovered"] or 0),
        "cases_handed_over": handovers.get("out", 0),
        "cases_received": handovers.get("in", 0),
    }


def campaign_figures(campaign) -> dict:
    """All the campaign's figures (Metric values as keys) plus activities per category."""
    from guomen.risk.models import RiskSignal
    from guomen.supervision.models import CreditEvent

    ids = _linked_ids(campaign)
    insp = _inspection_figures(ids[LinkKind.INSPECTION])
    spot = _spot_check_figures(ids[LinkKind.SPOT_CHECK])
    cert = _certification_figures(ids[LinkKind.CERTIFICATION_CHECK], ids[LinkKind.MARK_MISUSE])
    agency = _agency_figures(ids[LinkKind.AGENCY_FINDING])
    outreach = campaign.outreach.aggregate(
        events=Sum("events_held"),
        visits=Sum("enterprises_visited"),
        materials=Sum("materials_distributed"),
        people=Sum("people_reached"),
    )
    figures = {
        Metric.INSPECTIONS: insp["count"] + spot["count"] + cert["count"] + agency["count"],
        Metric.OFFICER_VISITS: insp["officers"] + spot["officers"] + cert["officers"],
        Metric.ENTERPRISES: len(
            insp["enterprises"] | spot["enterprises"] | cert["enterprises"] | agency["enterprises"]
        ),
        Metric.NON_CONFORMITIES: insp["nc"] + spot["nc"] + cert["nc"] + agency["nc"],
        Metric.RECTIFIED: insp["rectified"] + spot["rectified"] + cert["rectified"],
        Metric.SAMPLES: _sampled_batches(ids[LinkKind.SAMPLE], insp["declarations"]) + spot["samples"],
        Metric.WARNINGS: CreditEvent.objects.filter(
            pk__in=ids[LinkKind.CREDIT_EVENT], kind="warning", status="active"
        ).count(),
        Metric.SIGNALS: RiskSignal.objects.filter(pk__in=ids[LinkKind.SIGNAL]).count(),
        **{key: int(value or 0) for key, value in outreach.items()},
    }
    figures = {str(k): v for k, v in figures.items()}
    counts = dict(campaign.activities.values_list("category").annotate(n=Count("id")).order_by())
    figures["activities"] = {c: counts.get(c, 0) for c in ActivityCategory.values}
    figures["services"] = service_figures(ids[LinkKind.ENTERPRISE_SERVICE])
    figures["lines"] = line_figures(campaign, ids)
    return figures


def progress(campaign, figures: dict | None = None) -> list[dict]:
    """Each target with what has been achieved and the share (capped at 100 for the bar)."""
    figures = figures or campaign_figures(campaign)
    rows = []
    for target in campaign.targets.all().order_by("id"):
        actual = figures.get(target.metric, 0)
        share = round(100 * actual / target.target) if target.target else 0
        rows.append(
            {
                "metric": target.metric,
                "label": Metric(target.metric).label,
                "target": target.target,
                "actual": actual,
                "percent": share,
                "bar": min(100, share),
            }
        )
    return rows
