"""Figures from the other apps are kept to the jurisdiction like every other figure."""

import datetime as dt
import sys
import types
from decimal import Decimal

from guomen.campaigns.models import Campaign
from guomen.inspections.models import InspectionTask
from guomen.labs.models import Sample
from guomen.labs.tests.factories import LaboratoryFactory
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.reports import sources, stats
from guomen.reports.scope import build_filter
from guomen.supervision.models import SpotCheckPlan, SpotCheckTask

SEP_DAY = dt.datetime(2026, 9, 12, 3, 0, tzinfo=dt.UTC)


def sep(user, **filters):
    return build_filter(user, {"period": "2026-09", **filters})


def rows(user, name):
    return stats.statistics_table(name, sep(user)).rows


def test_risk_signals_by_source(world, supervisor, gz_supervisor):
    assert rows(supervisor, "risk_signals")[0][1] == 2
    assert rows(gz_supervisor, "risk_signals")[0][1] == 1


def test_campaigns_running_in_the_month(world, orgs, supervisor, gz_supervisor):
    for code, org, start in (
        ("sz-month", orgs["SZ"], dt.date(2026, 9, 1)),
        ("gz-old", orgs["GZ"], dt.date(2026, 1, 1)),
    ):
        Campaign.objects.create(
            code=code,
            name=code,
            kind="quality_month",
            org=org,
            starts_on=start,
            ends_on=start + dt.timedelta(days=29),
        )
    assert sum(r[1] for r in rows(supervisor, "campaigns")) == 1
    assert rows(gz_supervisor, "campaigns") == []


def test_spot_checks_recorded_in_the_month(world, orgs, supervisor, gz_supervisor):
    for org in (orgs["SZ"], orgs["GZ"]):
        plan = SpotCheckPlan.objects.create(
            name="抽查", org=org, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 9, 30)
        )
        SpotCheckTask.objects.create(
            plan=plan,
            enterprise=EnterpriseFactory(org=org),
            rank=1,
            status="recorded",
            result="non_conforming",
            recorded_at=SEP_DAY,
        )
    assert sum(r[1] for r in rows(supervisor, "spot_checks")) == 1
    assert sum(r[1] for r in rows(gz_supervisor, "spot_checks")) == 1


def test_lab_turnaround_counts_samples_approved_in_the_month(world, orgs, supervisor, gz_supervisor):
    lab = LaboratoryFactory(org=orgs["SZ"])
    for n, task in enumerate(
        InspectionTask.objects.filter(due_date=dt.date(2026, 9, 10), outcome="non_conforming")
    ):
        Sample.objects.create(
            number=f"S{n}",
            task=task,
            declaration=task.declaration,
            port=task.port,
            laboratory=lab,
            sample_type="fruit",
            quantity=Decimal("1"),
            unit="kg",
            due_date=dt.date(2026, 9, 14),
            status="approved",
            approved_at=SEP_DAY,
        )
    sz = rows(supervisor, "lab_turnaround")
    assert sz[0][1] == 3  # WJD, HG and the cancelled WJD task's sample; BY's three are 广州局's
    assert sz[0][4].display == "100.00%"
    assert rows(gz_supervisor, "lab_turnaround")[0][1] == 3


def test_complaints_table_asks_for_the_jurisdiction(world, supervisor, monkeypatch):
    seen = []

    def feedback_rate(*, start, end, org=None):
        seen.append(org.code)
        return 4, 5

    module = types.ModuleType("guomen.complaints.selectors")
    module.feedback_rate = feedback_rate
    monkeypatch.setitem(sys.modules, "guomen.complaints.selectors", module)
    table = sources.complaints(sep(supervisor, org="HG"))
    assert seen == ["HG"]
    assert table.rows[0][2].display == "80.00%"


def test_export_notifications_and_their_trace_back(world, supervisor, gz_supervisor):
    sz = rows(supervisor, "export_notifications")
    assert [r[1] for r in sz[:4]] == [3, 0, 1, 1]  # received (all units), pending, unmatched, traced to SZ
    assert [r[1] for r in rows(gz_supervisor, "export_notifications")[:4]] == [3, 0, 1, 1]
