"""Demo emergency plans of 深圳局: a plan of every kind, a drill, a response closed with its review, and a response
under way on the demo early warning with its tasks, duty roster and status reports."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User
from guomen.risk.models import EarlyWarning

from . import services
from .choices import PlanKind

CONTACTS = "应急指挥领导小组:局长(组长)、分管副局长(副组长)\n值班电话 0755-8888 0000;传真 0755-8888 0001"


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(username="supervisor_sz")
    inspector = User.objects.get(username="inspector_wjd")
    analyst = User.objects.get(username="analyst_sz")
    today = timezone.localdate()
    plans = {
        kind: services.plan_save(
            org=bureau.orgs["SZ"],
            kind=kind,
            title=f"深圳局{label}应急预案",
            contacts=CONTACTS,
            revised_on=today - dt.timedelta(days=200),
            actor=supervisor,
        )
        for kind, label in PlanKind.choices
    }
    services.drill_record(
        plan=plans[PlanKind.PORT_HEALTH],
        held_on=today - dt.timedelta(days=40),
        scenario="入境旅客发热疑似传染病处置演练",
        findings="转运衔接用时偏长,已调整转运路线",
        actor=supervisor,
    )
    closed = services.plan_activate(
        plan=plans[PlanKind.FOOD_SAFETY],
        situation="境外通报进口冷冻水产品核酸阳性",
        instructions="暂停同批货物放行;追溯流向;每日报告",
        actor=supervisor,
    )
    traced = services.task_add(
        activation=closed, title="封存涉事批次并追溯流向", assignee=inspector, due_on=today, actor=supervisor
    )
    services.task_done(task=traced, actor=inspector)
    services.report_add(activation=closed, text="涉事批次已全部封存,流向已查清", actor=inspector)
    services.activation_close(
        activation=closed,
        review="涉事批次全部封存销毁,未流入市场;追溯用时两天,需完善冷链台账",
        actor=supervisor,
    )
    counts = {"emergency_plans": len(plans), "emergency_activations": 1}
    warning = (
        EarlyWarning.objects.filter(status="published", org__path__startswith="/GACC/SZ/")
        .order_by("id")
        .first()
    )
    if warning is not None:
        _response(plans[PlanKind.PLANT_PEST], warning, supervisor, inspector, analyst, today)
        counts["emergency_activations"] += 1
    return counts


def _response(plan, warning, supervisor, inspector, analyst, today) -> None:
    """A response under way on the demo early warning."""
    active = services.plan_activate(
        plan=plan,
        early_warning=warning,
        situation=f"{warning.number} {warning.title}",
        instructions="对相关来源货物加严查验;排查在途批次;每日17时前报送情况",
        actor=supervisor,
    )
    first = services.task_add(
        activation=active,
        title="排查在途及已入境同来源批次",
        assignee=inspector,
        due_on=today,
        actor=supervisor,
    )
    services.task_add(
        activation=active,
        title="汇总检出情况并研判是否扩大措施",
        assignee=analyst,
        due_on=today + dt.timedelta(days=2),
        actor=supervisor,
    )
    services.task_done(task=first, actor=inspector)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for person, start, phone in (
        (supervisor, now, "0755-8888 0000"),
        (inspector, now + dt.timedelta(hours=12), "138 0000 0001"),
    ):
        services.duty_add(
            activation=active,
            person=person,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=12),
            phone=phone,
            actor=supervisor,
        )
    services.report_add(
        activation=active, text="已排查在途批次3批,均已加严查验,暂无新的检出", actor=inspector
    )
