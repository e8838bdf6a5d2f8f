"""The documented, configurable rule sets of enterprise supervision, and the pure functions applying them.

Each rule set has documented defaults below; analysts change them on /supervision/rules/ (a JSON object
whose keys override these defaults, validated before it is saved and audited). Recompute applies them.

Classification (分类管理, classes I–IV)
    Inputs per enterprise, over the last `window_days` days: consignments declared with a recorded outcome
    (n) and how many were non-conforming (non-conformity rate = non-conforming / n), violations recorded as
    credit events, quality-system certifications (ISO 9001 = `qms_certified`, HACCP = `haccp_certified`),
    and whole years on file since `filed_on`.
    The rows of `classes` are tried from class I down; the first whose every limit holds gives the class:
        max_nc_rate        highest non-conformity rate allowed
        max_violations     most violations allowed in the window
        min_certifications fewest certifications (ISO 9001, HACCP) needed
        min_years_on_file  fewest whole years on file needed
        min_consignments   fewest consignments needed (too little history cannot earn class I)
    An enterprise no row admits is class IV; a blacklisted enterprise is always `blacklisted_class`.
    An analyst's override (with reason, optionally until a date) wins over the computed class.

Credit grade (诚信管理, AA A B C D)
    score = `base_score` + the points of every credit event in force within `window_days` days
    (violations deduct `deductions[severity]`, a warning deducts `warning_points`, a completed
    rectification gives back `rectification_restore` × the rectified violation's deduction, a
    commendation adds `commendation_points`). The grade is the first row of `grades` whose `min_score`
    the score reaches; AA further requires no violation within `aa_clean_days` days.
    A blacklisted enterprise is always grade D.

Blacklist (失信名单)
    `required_conforming`: consecutive conforming consignments (outcome recorded after the listing)
    an enterprise must show before a supervisor can grant its removal petition (FDA import-alert style).
    `min_inspection_rate`: the least share of a blacklisted enterprise's consignments sent to physical
    inspection (targeting floor).

Spot checks (双随机一公开)
    `checklist`: the supervision checklist copied into every spot check; `publish_within_days`: default
    publication deadline after the result; `class_weights` and `grade_weights`: multiplied into an
    enterprise's selection weight when a plan asks for risk weighting; `exclude_last_cycle`: leave out
    the inspectors who checked the enterprise in its previous spot check.
"""

import copy
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DEFAULTS: dict[str, dict] = {
    "classification": {
        "window_days": 365,
        "classes": [
            {"class": "I", "max_nc_rate": 0.01, "max_violations": 0, "min_certifications": 1,
             "min_years_on_file": 2, "min_consignments": 10},
            {"class": "II", "max_nc_rate": 0.03, "max_violations": 1, "min_certifications": 0,
             "min_years_on_file": 1, "min_consignments": 0},
            {"class": "III", "max_nc_rate": 0.08, "max_violations": 3, "min_certifications": 0,
             "min_years_on_file": 0, "min_consignments": 0},
        ],
        "blacklisted_class": "IV",
    },
    "credit": {
        "window_days": 730,
        "base_score": 100,
        "deductions": {"minor": 2, "general": 5, "serious": 12, "grave": 30},
        "warning_points": 1,
        "rectification_restore": 0.5,
        "commendation_points": 5,
        "grades": [
            {"grade": "AA", "min_score": 105},
            {"grade": "A", "min_score": 95},
            {"grade": "B", "min_score": 85},
            {"grade": "C", "min_score": 70},
            {"grade": "D", "min_score": -1000000},
        ],
        "aa_clean_days": 365,
    },
    "blacklist": {"required_conforming": 5, "min_inspection_rate": 0.8},
    "spot_check": {
        "publish_within_days": 20,
        "exclude_last_cycle": True,
        "class_weights": {"I": 0.5, "II": 1.0, "III": 2.0, "IV": 4.0, "": 1.0},
        "grade_weights": {"AA": 0.5, "A": 1.0, "B": 1.5, "C": 2.5, "D": 4.0},
        "checklist": [
            "Filing and qualifications valid and matching the business actually carried on",
            "Quality management system (ISO 9001 / HACCP) in operation, with internal audits",
            "Incoming inspection and release records of raw materials and products complete",
            "Labels and markings conform to national standards",
            "Traceability: purchase, sales and recall records kept",
            "Pest control and hygiene of premises and storage",
        ],
    },
}  # fmt: skip

# How checklist items read in Chinese is handled by the catalogue: they are msgids.
CHECKLIST_LABELS = [
    _("Filing and qualifications valid and matching the business actually carried on"),
    _("Quality management system (ISO 9001 / HACCP) in operation, with internal audits"),
    _("Incoming inspection and release records of raw materials and products complete"),
    _("Labels and markings conform to national standards"),
    _("Traceability: purchase, sales and recall records kept"),
    _("Pest control and hygiene of premises and storage"),
]


def merged(kind: str, params: dict | None) -> dict:
    """The defaults of `kind` with the saved parameters laid over them (one level deep for dicts)."""
    result = copy.deepcopy(DEFAULTS[kind])
    for key, value in (params or {}).items():
        if isinstance(result.get(key), dict) and isinstance(value, dict):
            result[key] = {**result[key], **value}
        else:
            result[key] = value
    return result


# --- classification -------------------------------------------------------------------------------


@dataclass
class ClassInputs:
    consignments: int = 0
    non_conforming: int = 0
    violations: int = 0
    certifications: int = 0
    years_on_file: int = 0
    blacklisted: bool = False

    @property
    def nc_rate(self) -> float:
        return self.non_conforming / self.consignments if self.consignments else 0.0


def classify(inputs: ClassInputs, rules: dict) -> str:
    if inputs.blacklisted:
        return rules["blacklisted_class"]
    rate = inputs.nc_rate
    for row in rules["classes"]:
        if (
            rate <= row.get("max_nc_rate", 1)
            and inputs.violations <= row.get("max_violations", 10**9)
            and inputs.certifications >= row.get("min_certifications", 0)
            and inputs.years_on_file >= row.get("min_years_on_file", 0)
            and inputs.consignments >= row.get("min_consignments", 0)
        ):
            return row["class"]
    return "IV"


# --- credit ------------------------------------------------------------------------------------------


def event_points(kind: str, severity: str, rules: dict, *, rectified_points: int = 0) -> int:
    """The points a new credit event carries under the scheme (stored on the event when recorded)."""
    if kind == "violation":
        return -int(rules["deductions"].get(severity or "general", 0))
    if kind == "warning":
        return -int(rules["warning_points"])
    if kind == "rectification":
        return int(round(abs(rectified_points) * float(rules["rectification_restore"])))
    if kind == "commendation":
        return int(rules["commendation_points"])
    return 0


def grade_for(score: int, *, recent_violation: bool, blacklisted: bool, rules: dict) -> str:
    if blacklisted:
        return "D"
    for row in rules["grades"]:
        if score >= row["min_score"]:
            if row["grade"] == "AA" and recent_violation:
                continue
            return row["grade"]
    return "D"


def validate(kind: str, params) -> dict[str, list[str]]:
    """Problems with analyst-entered parameters, by key (empty when they can be saved)."""
    errors: dict[str, list[str]] = {}
    if not isinstance(params, dict):
        return {"params": [str(_('Enter a JSON object, e.g. {"window_days": 365}.'))]}
    unknown = sorted(set(params) - set(DEFAULTS[kind]))
    if unknown:
        errors["params"] = [str(_("Unknown keys: %(keys)s.") % {"keys": ", ".join(unknown)})]
    rules = merged(kind, params)
    for key, default in DEFAULTS[kind].items():
        value = rules.get(key)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int | float):
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, type(default))
        if not ok:
            errors.setdefault("params", []).append(
                str(_("“%(key)s” has the wrong type or a negative value.") % {"key": key})
            )
    if kind == "blacklist" and not errors and not 0 <= float(rules["min_inspection_rate"]) <= 1:
        errors["params"] = [str(_("The minimum inspection rate is a share between 0 and 1."))]
    if kind == "classification" and not errors:
        for row in rules["classes"]:
            if not isinstance(row, dict) or row.get("class") not in {"I", "II", "III", "IV"}:
                errors["params"] = [str(_("Each class row needs a “class” of I, II, III or IV."))]
                break
    if kind == "credit" and not errors:
        grades = rules["grades"]
        if not all(
            isinstance(r, dict)
            and r.get("grade") in {"AA", "A", "B", "C", "D"}
            and isinstance(r.get("min_score"), int | float)
            for r in grades
        ):
            errors["params"] = [str(_("Each grade row needs a “grade” (AA, A, B, C, D) and a “min_score”."))]
    return errors
