import datetime as dt

from django.core.management import call_command

from guomen.reports import dashboard, rollup
from guomen.reports.models import InspectionDay
from guomen.reports.scope import build_filter

from .factories import inspection


def trend(user, **filters):
    t = dashboard.trend_table(build_filter(user, {"period": "2026-09", **filters}))
    return {row[0]: tuple(row[1:3]) for row in t.rows}


def test_trend_from_the_rollup_equals_the_live_count(world, supervisor, gz_supervisor):
    live = (
        trend(supervisor),
        trend(gz_supervisor),
        trend(supervisor, org="HG"),
        trend(supervisor, origin="BR"),
    )
    rollup.rollup_refresh(until=dt.date(2026, 10, 1))
    assert InspectionDay.objects.exists()
    assert (
        trend(supervisor),
        trend(gz_supervisor),
        trend(supervisor, org="HG"),
        trend(supervisor, origin="BR"),
    ) == live


def test_days_after_the_rollup_are_counted_live(world, supervisor, orgs):
    rollup.rollup_refresh(until=dt.date(2026, 9, 1))
    inspection(orgs["WJD"], dt.date(2026, 9, 20), "non_conforming")
    assert trend(supervisor)["2026-09"] == (6, 3)


def test_a_commodity_filter_is_counted_live(world, supervisor):
    rollup.rollup_refresh(until=dt.date(2026, 10, 1))
    InspectionDay.objects.all().delete()  # a stale rollup would show nothing
    assert trend(supervisor, group="meat")["2026-09"] == (2, 1)


def test_refresh_recounts_recent_days(world, supervisor, orgs):
    rollup.rollup_refresh(until=dt.date(2026, 10, 1))
    task = inspection(orgs["WJD"], dt.date(2026, 9, 25), "")
    task.outcome = "non_conforming"
    task.save()
    rollup.rollup_refresh(until=dt.date(2026, 10, 1))
    assert trend(supervisor)["2026-09"] == (6, 3)


def test_rollup_command(world, capsys):
    call_command("report", "rollup")
    assert "rollup rows" in capsys.readouterr().out
    assert rollup.rolled_through() is not None


def test_kpis_from_the_rollup_equal_the_live_count(world, supervisor, gz_supervisor):
    from guomen.reports import kpis

    def figures(user, **filters):
        board = kpis.kpi_board(build_filter(user, {"period": "2026-09", **filters}))
        return [
            (r.numerator, r.denominator)
            for k in board
            if k.current
            for r in (k.current, k.previous, k.year_ago)
        ]

    live = figures(supervisor), figures(gz_supervisor), figures(supervisor, org="HG")
    rollup.rollup_refresh(until=dt.date(2026, 9, 15))  # the watermark falls inside the month
    assert (figures(supervisor), figures(gz_supervisor), figures(supervisor, org="HG")) == live
    assert InspectionDay.objects.filter(declarations__gt=0, direction="export").exists()


def test_totals_from_the_rollup_equal_the_live_count(world, supervisor):
    from guomen.reports import stats

    f = build_filter(supervisor, {"period": "2026-09"})
    live = stats.totals(f)
    rollup.rollup_refresh(until=dt.date(2026, 9, 15))
    assert stats.totals(f) == live
