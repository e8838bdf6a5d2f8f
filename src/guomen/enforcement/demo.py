"""Demo joint enforcement at 深圳局: a quality interview held (counted in credit), signed commitments (诚信承诺 and
《安全责任书》), and cases handed over to and received from partner agencies (双打, 清源)."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User
from guomen.registry.models import Enterprise

from . import services


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(username="supervisor_sz")
    inspector = User.objects.get(username="inspector_wjd")
    today = timezone.localdate()
    firms = list(
        Enterprise.objects.filter(org__path__startswith="/GACC/SZ/WJD/", kind="importer").order_by("name_zh")[
            :3
        ]
    )
    if len(firms) < 3:
        return {}
    held = services.interview_schedule(
        enterprise=firms[0],
        scheduled_on=today - dt.timedelta(days=12),
        subject="进口食品连续两批标签不合格",
        actor=supervisor,
    )
    services.interview_hold(
        interview=held,
        attendees="总经理、质量负责人",
        outcome="一个月内完成标签整改并建立进货查验制度",
        actor=inspector,
    )
    services.interview_schedule(
        enterprise=firms[1],
        scheduled_on=today + dt.timedelta(days=5),
        subject="进口玩具召回进展缓慢",
        actor=supervisor,
    )
    services.commitment_record(
        enterprise=firms[0],
        kind="integrity",
        signed_on=today - dt.timedelta(days=12),
        text="如实申报,诚信守法经营,接受社会监督",
        actor=inspector,
    )
    for firm in firms[1:]:
        services.commitment_record(
            enterprise=firm,
            kind="safety",
            signed_on=today - dt.timedelta(days=40),
            valid_until=today + dt.timedelta(days=325),
            text="落实进口商品质量安全主体责任,发现问题立即报告并召回",
            actor=inspector,
        )
    out = services.handover_record(
        direction="out",
        agency="police",
        agency_office="深圳市公安局经济犯罪侦查支队",
        enterprise=firms[2],
        subject="“双打”行动:涉嫌进口侵犯知识产权商品",
        handed_on=today - dt.timedelta(days=8),
        reference=f"深检移〔{today.year}〕5号",
        actor=supervisor,
    )
    services.handover_set_status(handover=out, to="accepted", actor=supervisor)
    services.handover_record(
        direction="in",
        agency="market",
        agency_office="深圳市市场监督管理局",
        subject="“清源”行动:市场抽检发现进口冷链食品标签问题线索",
        handed_on=today - dt.timedelta(days=4),
        org=bureau.orgs["SZ"],
        actor=supervisor,
    )
    partners = _partners(bureau, today, supervisor)
    return {"interviews": 2, "commitments": 3, "handovers": 2, "campaign_partners": partners}


# (agency, office, part it plays, status): the 双打 joint action and who took part in it.
PARTNERS = [
    ("market", "深圳市市场监督管理局", "联合检查进口商品集散市场,核查侵权假冒商品来源", "taking_part"),
    ("police", "深圳市公安局经济犯罪侦查支队", "接收移送线索并立案侦查", "taking_part"),
    ("customs", "深圳海关缉私局", "口岸环节布控查缉", "taking_part"),
    ("commerce", "深圳市商务局", "", "invited"),
]


def _partners(bureau, today, supervisor) -> int:
    from guomen.campaigns.services import campaign_create

    campaign = campaign_create(
        data={
            "code": f"SD{today.year}",
            "name": f"{today.year}年“双打”专项行动",
            "kind": "special_action",
            "theme": "打击侵犯知识产权和制售假冒伪劣商品",
            "starts_on": today - dt.timedelta(days=30),
            "ends_on": today + dt.timedelta(days=60),
            "org": bureau.orgs["SZ"],
        },
        targets={},
        actor=supervisor,
    )
    for agency, office, role, status in PARTNERS:
        partner = services.partner_invite(
            campaign=campaign, agency=agency, agency_office=office, role=role, actor=supervisor
        )
        if status != "invited":
            services.partner_set_status(partner=partner, to=status, actor=supervisor)
    return len(PARTNERS)
