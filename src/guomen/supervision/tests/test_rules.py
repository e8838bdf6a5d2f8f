"""The classification and credit rules on worked examples (supervision.rules documents them)."""

import pytest

from guomen.supervision import rules as R

CLASS_RULES = R.merged("classification", None)
CREDIT_RULES = R.merged("credit", None)


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        # 200 consignments, 1 non-conforming (0.5%), no violation, ISO 9001, 3 years on file → class I
        (R.ClassInputs(200, 1, 0, 1, 3), "I"),
        # the same without any certification → class II (class I needs one)
        (R.ClassInputs(200, 1, 0, 0, 3), "II"),
        # 5 consignments only: too little history for class I → II
        (R.ClassInputs(5, 0, 0, 2, 5), "II"),
        # 100 consignments, 5 non-conforming (5%) → III
        (R.ClassInputs(100, 5, 0, 1, 3), "III"),
        # 2 violations → III even with a clean record
        (R.ClassInputs(100, 0, 2, 1, 3), "III"),
        # 100 consignments, 10 non-conforming (10%) → IV
        (R.ClassInputs(100, 10, 0, 1, 3), "IV"),
        # 4 violations → IV
        (R.ClassInputs(100, 0, 4, 1, 3), "IV"),
        # new on file (0 years), no history → III
        (R.ClassInputs(0, 0, 0, 0, 0), "III"),
        # blacklisted → IV whatever the record
        (R.ClassInputs(200, 0, 0, 2, 9, blacklisted=True), "IV"),
    ],
)
def test_classification_worked_examples(inputs, expected):
    assert R.classify(inputs, CLASS_RULES) == expected


def test_an_analyst_can_tighten_class_i():
    rules = R.merged(
        "classification", {"classes": [{"class": "I", "max_nc_rate": 0.0, "min_years_on_file": 5}]}
    )
    assert R.classify(R.ClassInputs(200, 0, 0, 1, 5), rules) == "I"
    assert R.classify(R.ClassInputs(200, 1, 0, 1, 5), rules) == "IV"


@pytest.mark.parametrize(
    ("kind", "severity", "rectified", "points"),
    [
        ("violation", "minor", 0, -2),
        ("violation", "general", 0, -5),
        ("violation", "serious", 0, -12),
        ("violation", "grave", 0, -30),
        ("warning", "", 0, -1),
        ("rectification", "", -12, 6),
        ("commendation", "", 0, 5),
    ],
)
def test_credit_event_points(kind, severity, rectified, points):
    assert R.event_points(kind, severity, CREDIT_RULES, rectified_points=rectified) == points


@pytest.mark.parametrize(
    ("score", "recent", "grade"),
    [
        (110, False, "AA"),
        (110, True, "A"),
        (100, False, "A"),
        (95, False, "A"),
        (94, False, "B"),
        (85, False, "B"),
        (84, False, "C"),
        (70, False, "C"),
        (69, False, "D"),
    ],
)
def test_grade_thresholds(score, recent, grade):
    assert R.grade_for(score, recent_violation=recent, blacklisted=False, rules=CREDIT_RULES) == grade


def test_worked_example_serious_violation_then_rectification():
    # 100 − 12 (serious) = 88 → B; rectified: + 6 → 94 → B; a commendation + 5 → 99 → A
    score = 100 + R.event_points("violation", "serious", CREDIT_RULES)
    assert R.grade_for(score, recent_violation=True, blacklisted=False, rules=CREDIT_RULES) == "B"
    score += R.event_points("rectification", "", CREDIT_RULES, rectified_points=-12)
    assert score == 94
    score += R.event_points("commendation", "", CREDIT_RULES)
    assert R.grade_for(score, recent_violation=True, blacklisted=False, rules=CREDIT_RULES) == "A"


def test_blacklisted_is_grade_d():
    assert R.grade_for(120, recent_violation=False, blacklisted=True, rules=CREDIT_RULES) == "D"


def test_bad_parameters_are_refused_with_the_key_named():
    assert R.validate("blacklist", {"min_inspection_rate": 1.5})
    assert "params" in R.validate("credit", {"nonsense": 1})
    assert R.validate("classification", "not an object")
    assert R.validate("blacklist", {"required_conforming": 8}) == {}
