"""Demo data for campaigns: this year's quality month at 深圳局 with activities, outreach and linked records."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User
from guomen.inspections.models import InspectionTask
from guomen.supervision.models import CreditEvent, EnterpriseService, SpotCheckTask

from . import services

ACTIVITIES = [
    ("publicity", "“食品安全进校园”宣传活动", 25, "在龙岗区实验学校讲授食品安全知识"),
    ("publicity", "国门生物安全宣传日", 20, "向办事群众发放质量月宣传册"),
    ("rectification", "进口水果“清源”专项检查", 15, "对辖区进口水果企业开展监督检查"),
    ("service", "供港蔬菜农残快速检测培训", 12, "为辖区供港蔬菜企业检测人员开展培训"),
    ("brand", "“一企一策”质量提升辅导", 6, "为重点帮扶企业量身定制升级方案"),
]


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(username="supervisor_sz")
    today = timezone.localdate()
    campaign = services.campaign_create(
        data={
            "code": f"QM{today.year}",
            "name": f"{today.year}年“质量月”活动",
            "kind": "quality_month",
            "theme": "大力提升质量 建设质量强国",
            "starts_on": today - dt.timedelta(days=29),
            "ends_on": today,
            "org": bureau.orgs["SZ"],
        },
        targets={"inspections": 60, "enterprises": 30, "non_conformities": 10, "events": 6, "people": 1000},
        actor=supervisor,
    )
    services.campaign_set_status(campaign=campaign, to="active", actor=supervisor)
    for category, title, days_ago, description in ACTIVITIES:
        activity = services.activity_add(
            campaign=campaign,
            data={
                "category": category,
                "title": title,
                "held_on": today - dt.timedelta(days=days_ago),
                "description": description,
            },
            actor=supervisor,
        )
        if category in ("publicity", "service"):
            services.outreach_record(
                campaign=campaign,
                data={
                    "held_on": activity.held_on,
                    "activity": activity,
                    "events_held": 1,
                    "enterprises_visited": rng.randint(3, 12),
                    "materials_distributed": rng.randint(80, 300),
                    "people_reached": rng.randint(120, 500),
                },
                actor=supervisor,
            )
    tasks = InspectionTask.objects.filter(
        port__path__startswith="/GACC/SZ/", recorded_at__date__gte=campaign.starts_on
    )
    linked = 0
    for pk in tasks.order_by("id").values_list("pk", flat=True)[:40]:
        services.campaign_link(campaign=campaign, kind="inspection", object_id=pk, actor=supervisor)
        linked += 1
    for pk in SpotCheckTask.objects.values_list("pk", flat=True):
        services.campaign_link(campaign=campaign, kind="spot_check", object_id=pk, actor=supervisor)
    for pk in CreditEvent.objects.filter(kind="warning").values_list("pk", flat=True):
        services.campaign_link(campaign=campaign, kind="credit_event", object_id=pk, actor=supervisor)
    held = EnterpriseService.objects.filter(
        org__path__startswith="/GACC/SZ/", held_on__gte=campaign.starts_on
    )
    for pk in held.values_list("pk", flat=True):
        services.campaign_link(campaign=campaign, kind="service", object_id=pk, actor=supervisor)
    _port_balance(bureau, today, supervisor)
    return {"campaigns": 1, "campaign_links": linked}


def _port_balance(bureau, today, supervisor) -> None:
    """This year's 口岸天平 action on inspection agencies; agency findings and complaints are linked to it by the
    apps that seed them (code KATP<year>)."""
    campaign = services.campaign_create(
        data={
            "code": f"KATP{today.year}",
            "name": f"{today.year}年检验鉴定业务“口岸天平”行动",
            "kind": "port_balance",
            "theme": "规范检验鉴定市场 维护口岸公平",
            "starts_on": today - dt.timedelta(days=60),
            "ends_on": today + dt.timedelta(days=30),
            "org": bureau.orgs["SZ"],
        },
        targets={"inspections": 20, "enterprises": 5},
        actor=supervisor,
    )
    services.campaign_set_status(campaign=campaign, to="active", actor=supervisor)
