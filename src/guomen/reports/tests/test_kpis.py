import datetime as dt
import sys
import types

import pytest

from guomen.reports import kpis
from guomen.reports.periods import Period
from guomen.reports.scope import build_filter


def board(user, period="2026-09", **filters):
    f = build_filter(user, {"period": period, **filters})
    return {k.key: k for k in kpis.kpi_board(f)}


def fraction(kpi):
    return (kpi.current.numerator, kpi.current.denominator)


def test_detection_rate_counts_inspected_consignments_of_the_month(world, supervisor):
    detection = board(supervisor)["detection"]
    assert fraction(detection) == (2, 5)
    assert detection.current.display == "40.00%"


def test_detection_rate_compares_month_on_month_and_year_on_year(world, supervisor):
    detection = board(supervisor)["detection"]
    assert (detection.previous.numerator, detection.previous.denominator) == (1, 2)
    assert (detection.year_ago.numerator, detection.year_ago.denominator) == (0, 4)
    assert detection.mom.display == "-10.00"
    assert detection.yoy.display == "+40.00"


def test_an_empty_period_shows_a_dash_not_zero(world, supervisor):
    detection = board(supervisor, period="2024-02")["detection"]
    assert fraction(detection) == (0, 0)
    assert detection.current.value is None
    assert detection.current.display == "—"
    assert detection.mom.display == "—"


def test_another_jurisdiction_never_counts(world, gz_supervisor):
    figures = board(gz_supervisor)
    assert fraction(figures["detection"]) == (3, 3)
    assert fraction(figures["foreign_notification"]) == (1, 2)
    assert fraction(figures["qms_certified"]) == (2, 2)


def test_a_port_counts_only_its_own_inspections(world, supervisor):
    assert fraction(board(supervisor, org="HG")["detection"]) == (1, 2)


def test_foreign_notification_rate_counts_notifications_on_chinese_goods_over_exports(world, supervisor):
    rate = board(supervisor)["foreign_notification"]
    assert fraction(rate) == (1, 3)
    assert rate.current.display == "33.33%"


@pytest.mark.parametrize(
    ("key", "expected"),
    [("qms_promotion", (3, 4)), ("qms_certified", (2, 4)), ("classification", (2, 4)), ("credit", (4, 4))],
)
def test_supervision_rates_count_enterprises_on_file(world, supervisor, key, expected):
    assert fraction(board(supervisor)[key]) == expected


def test_a_class_given_after_the_month_does_not_count_for_it(world, supervisor):
    assert fraction(board(supervisor, period="2026-09")["classification"]) == (2, 4)
    assert fraction(board(supervisor, period="2026-10")["classification"]) == (3, 4)


def test_credit_rate_agrees_with_the_grades_the_pages_show(world, supervisor):
    from guomen.registry.models import Enterprise

    on_file = Enterprise.objects.filter(
        org=supervisor.org, filing_status="filed", filed_on=dt.date(2024, 1, 1)
    )
    shown = on_file.exclude(credit_grade="").count()
    assert fraction(board(supervisor, period="2026-10")["credit"]) == (shown, 4)


def test_credit_breakdown_reads_the_grades_held_at_the_end_of_the_month(world, supervisor):
    september = dict((str(label), rate.numerator) for label, rate in board(supervisor)["credit"].breakdown)
    october = dict(
        (str(label), rate.numerator)
        for label, rate in board(supervisor, period="2026-10")["credit"].breakdown
    )
    assert (september["AA"], september["A"], september["B"]) == (1, 3, 0)
    assert (october["AA"], october["A"], october["B"]) == (1, 2, 1)


def test_a_grade_edited_on_the_registry_page_keeps_the_past_month(world, supervisor):
    from guomen.registry.models import Enterprise
    from guomen.registry.services import enterprise_update

    firm = Enterprise.objects.get(org=supervisor.org, credit_grade="AA")
    enterprise_update(enterprise=firm, data={"credit_grade": "C"}, actor=supervisor)
    before = dict((str(label), rate.numerator) for label, rate in board(supervisor)["credit"].breakdown)
    assert (before["AA"], before["C"]) == (1, 0)


def test_enterprises_filed_after_the_month_are_not_counted(world, supervisor):
    from guomen.registry.tests.factories import EnterpriseFactory

    EnterpriseFactory(org=supervisor.org, qms_certified=True, filed_on=dt.date(2026, 10, 2))
    assert fraction(board(supervisor)["qms_certified"]) == (2, 4)
    assert fraction(board(supervisor, period="2026-10")["qms_certified"]) == (3, 5)


def test_complaint_rate_is_not_connected_without_the_complaints_app(world, supervisor, monkeypatch):
    monkeypatch.setitem(sys.modules, "guomen.complaints.selectors", None)
    rate = board(supervisor)["complaint_feedback"]
    assert not rate.available
    assert rate.mom is None


def test_complaint_rates_come_from_feedback_counts_for_the_jurisdiction(world, supervisor, monkeypatch):
    from guomen.complaints.selectors import FeedbackCounts

    calls = []

    def feedback_counts(*, start, end, org=None):
        calls.append((start, end, org.code))
        if start == dt.date(2026, 9, 1):
            return FeedbackCounts(received=10, answered=9, on_time=7)
        return FeedbackCounts(received=0, answered=0, on_time=0)

    module = types.ModuleType("guomen.complaints.selectors")
    module.feedback_counts = feedback_counts
    monkeypatch.setitem(sys.modules, "guomen.complaints.selectors", module)
    figures = board(supervisor)
    assert fraction(figures["complaint_feedback"]) == (9, 10)
    assert fraction(figures["complaint_on_time"]) == (7, 10)
    assert figures["complaint_feedback"].previous.display == "—"
    assert (dt.date(2026, 9, 1), dt.date(2026, 9, 30), "SZ") in calls  # feedback_counts takes [start, end]


def test_the_six_seed_kpis_carry_the_seed_names(world, supervisor):
    from django.utils import translation

    with translation.override("zh-hans"):
        names = {k.key: str(k.definition.name) for k in board(supervisor).values()}
    assert [names[k] for k in ("detection", "foreign_notification", "complaint_feedback")] == [
        "检出率",
        "境外通报率",
        "社会投诉反馈率",
    ]
    assert [names[k] for k in ("qms_promotion", "classification", "credit")] == [
        "企业质量体系推广率",
        "分类管理率",
        "诚信管理率",
    ]


def test_every_kpi_carries_its_definition(world, supervisor):
    for kpi in board(supervisor).values():
        assert str(kpi.definition.text)
        assert str(kpi.definition.numerator) and str(kpi.definition.denominator)


def test_period_arithmetic_crosses_years():
    assert Period(2026, 1).previous() == Period(2025, 12)
    assert Period(2026, 1).year_ago() == Period(2025, 1)
    assert Period(2026, 12).end == dt.date(2027, 1, 1)
