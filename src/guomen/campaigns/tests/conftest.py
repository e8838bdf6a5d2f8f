import datetime as dt

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.campaigns import services
from guomen.declarations.tests.factories import DeclarationFactory
from guomen.inspections.models import Finding
from guomen.inspections.tests.factories import InspectionTaskFactory
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.supervision import services as supervision
from guomen.supervision.tests.factories import PlanFactory

TODAY = dt.date(2026, 9, 15)


@pytest.fixture
def campaign(orgs, supervisor):
    return services.campaign_create(
        data={
            "code": "QM2026",
            "name": "2026年“质量月”活动",
            "kind": "quality_month",
            "theme": "质量强国 国门先行",
            "starts_on": dt.date(2026, 9, 1),
            "ends_on": dt.date(2026, 9, 30),
            "org": orgs["SZ"],
        },
        targets={"inspections": 10, "enterprises": 4, "events": 2},
        actor=supervisor,
    )


def _task(port, declarant, inspector, outcome, *, findings=0, disposition="", status="released"):
    task = InspectionTaskFactory(
        declaration=DeclarationFactory(port=port, declarant=declarant, status=status),
        outcome=outcome,
        disposition=disposition,
        recorded_by=inspector,
        status="closed",
    )
    for i in range(findings):
        Finding.objects.create(task=task, description=f"不符合项{i + 1}")
    return task


@pytest.fixture
def counted(orgs, campaign, supervisor, inspector, make_user):
    """Records hand-counted in test_figures (see there for the expected figures)."""
    e1, e2 = EnterpriseFactory.create_batch(2, org=orgs["HG"])
    t1 = _task(orgs["WJD"], e1, inspector, "conforming")
    t2 = _task(orgs["WJD"], e2, inspector, "non_conforming", findings=2, disposition="treatment")
    t3 = _task(orgs["WJD"], e1, inspector, "non_conforming", disposition="return", status="returned")
    _task(orgs["WJD"], e2, inspector, "non_conforming", findings=5)  # not linked: must not count
    for t in (t1, t2, t3):
        services.campaign_link(campaign=campaign, kind="inspection", object_id=t.pk, actor=supervisor)
    EnterpriseFactory.create_batch(2, org=orgs["WJD"])
    for i in range(3):
        make_user(Role.INSPECTOR, orgs["WJD"], username=f"wjd_extra_{i}")
    plan = supervision.plan_draw(plan=PlanFactory(org=orgs["WJD"], sample_count=2), seed=9, actor=supervisor)
    s1, s2 = plan.tasks.order_by("rank")
    items = {i.position: ("non_conform" if i.position in (1, 2) else "conform", "") for i in s1.items.all()}
    supervision.check_record(
        task=s1, items=items, samples_taken=2, rectification_due=timezone.localdate(), actor=s1.inspector_a
    )
    supervision.check_mark_rectified(task=s1, rectified_on=timezone.localdate(), actor=s1.inspector_b)
    ok = {i.position: ("conform", "") for i in s2.items.all()}
    supervision.check_record(task=s2, items=ok, actor=s2.inspector_a)
    for s in (s1, s2):
        services.campaign_link(campaign=campaign, kind="spot_check", object_id=s.pk, actor=supervisor)
    from guomen.risk.models import RiskSignal

    signal = RiskSignal.objects.get(source_ref=f"supervision.spotchecktask:{s1.pk}")
    services.campaign_link(campaign=campaign, kind="signal", object_id=signal.pk, actor=supervisor)
    warning = supervision.credit_event_record(
        enterprise=e1,
        kind="warning",
        occurred_on=timezone.localdate(),
        description="标签不规范",
        evidence="警告书2026-01",
        actor=supervisor,
    )
    violation = supervision.credit_event_record(
        enterprise=e2,
        kind="violation",
        severity="minor",
        occurred_on=timezone.localdate(),
        description="x",
        evidence="y",
        actor=supervisor,
    )
    for ev in (warning, violation):
        services.campaign_link(campaign=campaign, kind="credit_event", object_id=ev.pk, actor=supervisor)
    pub = services.activity_add(
        campaign=campaign,
        data={"category": "publicity", "title": "食品安全进校园", "held_on": dt.date(2026, 9, 5)},
        actor=supervisor,
    )
    services.activity_add(
        campaign=campaign,
        data={"category": "publicity", "title": "国门生物安全宣传日", "held_on": dt.date(2026, 9, 12)},
        actor=supervisor,
    )
    services.activity_add(
        campaign=campaign,
        data={"category": "service", "title": "供港蔬菜农残快速检测培训", "held_on": dt.date(2026, 9, 20)},
        actor=supervisor,
    )
    services.outreach_record(
        campaign=campaign,
        data={
            "held_on": dt.date(2026, 9, 5),
            "activity": pub,
            "events_held": 2,
            "enterprises_visited": 5,
            "materials_distributed": 100,
            "people_reached": 300,
        },
        actor=supervisor,
    )
    services.outreach_record(
        campaign=campaign,
        data={
            "held_on": dt.date(2026, 9, 20),
            "events_held": 1,
            "materials_distributed": 50,
            "people_reached": 80,
        },
        actor=supervisor,
    )
    return campaign
