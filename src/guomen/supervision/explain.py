"""Credit explained (信用解读): the grade, the score and every credit event that produced them, the thresholds of
each grade and what restores it — computed by the same function as the recompute, so the page, the API and
the stored grade can never tell different stories.

score = base score + the points of the active events within the window; the grade is the first row of the
scheme whose minimum the score reaches (AA also needs no violation within `aa_clean_days`); a blacklisted
enterprise is D whatever its score; a fall to D other than by blacklisting waits for a second supervisor.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import NotFound
from guomen.core.permissions import org_in_scope

from .choices import CreditEventKind, CreditEventStatus, DowngradeStatus, RuleKind
from .models import CreditDowngrade, CreditEvent
from .selectors import listed_entry
from .services.standing import _history, evaluate, ruleset_get

# source_ref prefix of a credit event → the page of the record behind it (when the reader may open it)
RECORD_PAGES = {
    "inspections.rectification": "inspections:rectification_detail",
    "supervision.spotchecktask": "supervision:check_detail",
}
ENTERPRISE_RECORD_PAGES = {"inspections.rectification"}  # the records an enterprise user may open


@dataclass
class CreditLine:
    event: CreditEvent
    rule: str
    counts: bool  # within the window (else shown as expired)
    counts_until: dt.date
    link: str = ""


@dataclass
class GradeBand:
    grade: str
    min_score: int | None
    max_score: int | None  # exclusive upper bound; None for the top grade
    current: bool = False


@dataclass
class CreditExplanation:
    enterprise: object
    grade: str  # the grade in force (what targeting and the registry use)
    computed_grade: str  # what the scheme gives today
    score: int
    base_score: int
    window_days: int
    lines: list[CreditLine]
    bands: list[GradeBand]
    restore: list[str]
    blacklisted: bool = False
    downgrade_pending: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def points_in_force(self) -> int:
        return sum(line.event.points for line in self.lines if line.counts)

    @property
    def consistent(self) -> bool:
        return self.score == self.base_score + self.points_in_force and (
            self.grade == self.computed_grade or self.downgrade_pending
        )


def rule_text(event: CreditEvent, rules: dict) -> str:
    """The rule of the credit scheme that gave the event its points, in words."""
    if event.kind == CreditEventKind.VIOLATION:
        return _("Violation (%(severity)s): %(n)d points deducted") % {
            "severity": event.get_severity_display() or "—",
            "n": int(rules["deductions"].get(event.severity or "general", 0)),
        }
    if event.kind == CreditEventKind.WARNING:
        return _("Warning: %(n)d points deducted") % {"n": int(rules["warning_points"])}
    if event.kind == CreditEventKind.RECTIFICATION:
        return _("Completed rectification: %(pct)d%% of the rectified violation's deduction given back") % {
            "pct": round(float(rules["rectification_restore"]) * 100)
        }
    return _("Commendation: %(n)d points added") % {"n": int(rules["commendation_points"])}


def _link(event: CreditEvent, staff: bool) -> str:
    prefix, _sep, pk = event.source_ref.partition(":")
    name = RECORD_PAGES.get(prefix) if staff or prefix in ENTERPRISE_RECORD_PAGES else None
    if not name or not pk.isdigit():
        return ""
    try:
        return reverse(name, args=[int(pk)])
    except NoReverseMatch:
        return ""


def _bands(rules: dict, grade: str) -> list[GradeBand]:
    rows = sorted(rules["grades"], key=lambda r: -r["min_score"])
    bands, upper = [], None
    for row in rows:
        low = row["min_score"] if row["min_score"] > -(10**5) else None
        bands.append(GradeBand(row["grade"], low, upper, current=row["grade"] == grade))
        upper = row["min_score"]
    return bands


def _restore(rules: dict, lines: list[CreditLine], blacklisted: bool, required_conforming: int) -> list[str]:
    months = int(rules["window_days"]) // 30
    texts = [
        _("An event stops counting %(m)d months after its date (the window is %(d)d days).")
        % {"m": months, "d": int(rules["window_days"])},
        _(
            "A rectification accepted by the bureau gives back %(pct)d%% of the rectified violation's deduction."
        )
        % {"pct": round(float(rules["rectification_restore"]) * 100)},
        _("A commendation adds %(n)d points.") % {"n": int(rules["commendation_points"])},
        _("Grade AA also needs %(d)d days without any violation.") % {"d": int(rules["aa_clean_days"])},
    ]
    deducting = [line for line in lines if line.counts and line.event.points < 0]
    if deducting:
        last = max(line.counts_until for line in deducting)
        texts.insert(
            0, _("Without new events, every deduction now counted has expired on %(d)s.") % {"d": last}
        )
    if blacklisted:
        texts.insert(
            0,
            _(
                "While blacklisted the grade is D whatever the score; a petition can be granted after "
                "%(n)d consecutive conforming consignments."
            )
            % {"n": required_conforming},
        )
    return texts


def credit_explain(*, enterprise, user=None, today: dt.date | None = None) -> CreditExplanation:
    """The explanation of one enterprise's credit. The caller has loaded `enterprise` within `user`'s scope; staff
    read it only for an enterprise of their jurisdiction (its events are records of that unit)."""
    staff = user is not None and getattr(user, "role", None) not in (Role.ENTERPRISE, Role.SYSTEM)
    if staff and not org_in_scope(user, enterprise.org):
        raise NotFound(_("This enterprise is outside your jurisdiction."))
    today = today or timezone.localdate()
    grules = ruleset_get(RuleKind.CREDIT)
    crules = ruleset_get(RuleKind.CLASSIFICATION)
    history = _history([enterprise.pk], today, crules, grules)
    row = (enterprise.pk, enterprise.qms_certified, enterprise.haccp_certified, enterprise.filed_on)
    result = evaluate(row, history, today, crules, grules)
    since = today - dt.timedelta(days=int(grules["window_days"]))
    events = CreditEvent.objects.filter(enterprise=enterprise, status=CreditEventStatus.ACTIVE).order_by(
        "-occurred_on", "-id"
    )
    lines = [
        CreditLine(
            event=e,
            rule=rule_text(e, grules),
            counts=e.occurred_on >= since,
            counts_until=e.occurred_on + dt.timedelta(days=int(grules["window_days"])),
            link=_link(e, staff),
        )
        for e in events
    ]
    entry = listed_entry(enterprise.pk)
    pending = CreditDowngrade.objects.filter(enterprise=enterprise, status=DowngradeStatus.PROPOSED).exists()
    explanation = CreditExplanation(
        enterprise=enterprise,
        grade=enterprise.credit_grade,
        computed_grade=result["grade"],
        score=result["score"],
        base_score=int(grules["base_score"]),
        window_days=int(grules["window_days"]),
        lines=lines,
        bands=_bands(grules, result["grade"]),
        restore=_restore(grules, lines, entry is not None, entry.required_conforming if entry else 0),
        blacklisted=entry is not None,
        downgrade_pending=pending,
    )
    if pending:
        explanation.notes.append(
            _("A fall to grade D is proposed and waits for a second supervisor's decision.")
        )
    if entry is not None:
        explanation.notes.append(_("Blacklisted: %(r)s") % {"r": entry.reason})
    return explanation
