"""Paragraphs of the quality-analysis report, written from the figures: what rose, what fell, the main
hazards, origins to watch and recommended measures. Pure functions of the report's numbers."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .figures import DASH, Rate
from .tables import Table

MIN_INSPECTED = 5  # an origin or commodity needs this many inspections before its rate means anything
WATCH_FACTOR = 1.5  # an origin is watched when its detection rate is this many times the overall rate


@dataclass
class Narrative:
    overview: str
    changes: list[str]
    hazards: str
    watch: list[str]
    measures: list[str]


def _points(change) -> str:
    if change is None or change.points is None:
        return DASH
    return _("%(points)+.2f percentage points") % {"points": change.points}


def overview(org_name: str, period_label: str, totals: dict, detection) -> str:
    return _(
        "In %(period)s, %(org)s received %(declarations)s declarations (%(imports)s imports, %(exports)s "
        "exports) and recorded results for %(inspected)s inspected consignments, of which %(nc)s were "
        "non-conforming: a detection rate of %(rate)s (month on month %(mom)s, year on year %(yoy)s)."
    ) % {
        "period": period_label,
        "org": org_name,
        "declarations": f"{totals['declarations']:,}",
        "imports": f"{totals['imports']:,}",
        "exports": f"{totals['exports']:,}",
        "inspected": f"{totals['inspected']:,}",
        "nc": f"{totals['non_conforming']:,}",
        "rate": detection.current.display,
        "mom": _points(detection.mom),
        "yoy": _points(detection.yoy),
    }


def _by_label(table: Table, key: str = "non_conforming") -> dict[str, int]:
    return dict(zip(table.column(table.columns[0].key), table.column(key), strict=True))


def changes(now: Table, before: Table, what: str, limit: int = 3) -> list[str]:
    """Sentences on the commodities (or origins) whose non-conformities rose or fell most against last month."""
    a, b = _by_label(now), _by_label(before)
    deltas = {k: a.get(k, 0) - b.get(k, 0) for k in set(a) | set(b)}
    rose = sorted((k for k in deltas if deltas[k] > 0), key=lambda k: (-deltas[k], k))[:limit]
    fell = sorted((k for k in deltas if deltas[k] < 0), key=lambda k: (deltas[k], k))[:limit]
    out = []
    if rose:
        items = _("; ").join(
            _("%(name)s %(before)d → %(now)d") % {"name": k, "before": b.get(k, 0), "now": a.get(k, 0)}
            for k in rose
        )
        out.append(_("Non-conformities rose by %(what)s: %(items)s.") % {"what": what, "items": items})
    if fell:
        items = _("; ").join(
            _("%(name)s %(before)d → %(now)d") % {"name": k, "before": b.get(k, 0), "now": a.get(k, 0)}
            for k in fell
        )
        out.append(_("Non-conformities fell by %(what)s: %(items)s.") % {"what": what, "items": items})
    if not out:
        out.append(_("Non-conformities by %(what)s were the same as last month.") % {"what": what})
    return out


def main_hazards(hazards: Table, limit: int = 3) -> str:
    if not hazards.rows:
        return _("No hazards or pests were recorded in this period.")
    items = _("; ").join(
        _("%(name)s (%(kind)s) in %(n)d consignments") % {"name": r[0], "kind": r[1] or DASH, "n": r[2]}
        for r in hazards.rows[:limit]
    )
    return _("The main hazards found were: %(items)s.") % {"items": items}


def origins_to_watch(origins: Table, overall: Rate, limit: int = 3) -> list[tuple[str, Rate]]:
    """Origins with enough inspections whose detection rate is well above the overall rate."""
    if overall.value is None:
        return []
    found = []
    for row in origins.rows:
        name, done, rate = row[0], row[2], row[4]
        if (
            done >= MIN_INSPECTED
            and rate.value is not None
            and rate.value >= max(overall.value * WATCH_FACTOR, 0.001)
        ):
            found.append((name, rate))
    found.sort(key=lambda item: -item[1].value)
    return found[:limit]


def watch_sentences(watched: list[tuple[str, Rate]], overall: Rate) -> list[str]:
    if not watched:
        return [
            _("No origin stood out against the overall detection rate of %(rate)s.")
            % {"rate": overall.display}
        ]
    return [
        _("%(origin)s: detection rate %(rate)s (%(nc)d of %(n)d), against %(overall)s overall.")
        % {
            "origin": name,
            "rate": rate.display,
            "nc": rate.numerator,
            "n": rate.denominator,
            "overall": overall.display,
        }
        for name, rate in watched
    ]


def measures(kpis: dict, watched, origin_hazards: dict[str, str]) -> list[str]:
    """Recommendations that follow from the figures (each names the figure it follows from).
    `origin_hazards` gives the hazard found most often in each watched origin's consignments."""
    out = []
    for name, rate in watched:
        hazard = origin_hazards.get(name)
        if hazard:
            out.append(
                _(
                    "Tighten inspection of consignments from %(origin)s (detection rate %(rate)s) and check "
                    "especially for %(hazard)s."
                )
                % {"origin": name, "rate": rate.display, "hazard": hazard}
            )
        else:
            out.append(
                _("Tighten inspection of consignments from %(origin)s (detection rate %(rate)s).")
                % {"origin": name, "rate": rate.display}
            )
    detection = kpis.get("detection")
    if detection and detection.mom and detection.mom.points is not None and detection.mom.points > 1:
        out.append(
            _(
                "The detection rate rose by more than one point: review the targeting rules for the "
                "commodities whose non-conformities rose."
            )
        )
    low = {"qms_certified": 0.5, "classification": 1.0, "credit": 1.0, "complaint_on_time": 0.95}
    advice = {
        "qms_certified": _(
            "Fewer than half of the enterprises on file have a certified quality management system "
            "(%(rate)s): promote quality management systems in the enterprise visits."
        ),
        "classification": _(
            "Classification is incomplete (%(rate)s, %(missing)d enterprises without a class): "
            "complete the classification of the enterprises on file."
        ),
        "credit": _(
            "Credit management is incomplete (%(rate)s, %(missing)d enterprises without a credit "
            "evaluation): complete their credit records."
        ),
        "complaint_on_time": _(
            "Complaints were not all answered on time (%(rate)s): follow up the overdue complaints."
        ),
    }
    for key, threshold in low.items():
        kpi = kpis.get(key)
        if kpi is None or kpi.current is None or kpi.current.value is None:
            continue
        if kpi.current.value < threshold:
            missing = kpi.current.denominator - kpi.current.numerator
            out.append(advice[key] % {"rate": kpi.current.display, "missing": missing})
    if not out:
        out.append(_("The figures show no new risk: keep the current inspection and supervision measures."))
    return out
