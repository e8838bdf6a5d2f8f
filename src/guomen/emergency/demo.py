"""Demo emergency plans of 深圳局: the eight kinds, a drill and a closed activation."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User

from . import services
from .choices import PlanKind


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(username="supervisor_sz")
    today = timezone.localdate()
    plans = {
        kind: services.plan_save(
            org=bureau.orgs["SZ"],
            kind=kind,
            title=f"深圳局{label}应急预案",
            contacts="应急指挥领导小组:局长(组长)、分管副局长;值班电话 0755-8888 0000",
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
    activation = services.plan_activate(
        plan=plans[PlanKind.FOOD_SAFETY],
        situation="境外通报进口冷冻水产品核酸阳性",
        tasks="暂停同批货物放行;追溯流向;每日报告",
        actor=supervisor,
    )
    services.activation_close(
        activation=activation, review="涉事批次全部封存销毁,未流入市场", actor=supervisor
    )
    return {"emergency_plans": len(plans)}
