"""Demo 12365 complaints over the last two months: open, overdue, replied (some late) and closed."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User

from .choices import Category, Outcome
from .models import Complaint
from .services import CODE_ALPHABET, complaint_close, complaint_reply, complaint_submit, complaint_triage
from .workdays import add_working_days, response_days

# (kind, product, place, description, category)
# fmt: off
CASES = [
    ("complaint", "泰国进口榴莲", "深圳市罗湖区东门水果市场", "榴莲果肉发现活虫，疑似未经检疫。", Category.PRODUCT_SAFETY),
    ("complaint", "进口婴幼儿配方奶粉", "深圳市福田区某母婴店", "奶粉罐内有异物，孩子食用后呕吐。", Category.PRODUCT_SAFETY),
    ("complaint", "进口红酒", "广州市天河区某超市", "中文标签与原标签酒精度不一致。", Category.LABELLING),
    ("report", "越南火龙果", "深圳市布吉农批市场", "商贩称是越南进口，但无任何检疫证明，怀疑走私。", Category.ORIGIN_FRAUD),
    ("complaint", "智利车厘子", "深圳市南山区某生鲜店", "车厘子腐烂严重，商家拒绝退换。", Category.QUALITY),
    ("consultation", "个人邮寄水果", "", "从泰国邮寄山竹给家人是否允许？需要什么手续？", Category.OTHER),
    ("complaint", "进口冷冻牛肉", "深圳市宝安区某冻品仓", "外包装无中文标签，生产日期不清。", Category.LABELLING),
    ("complaint", "秘鲁鳄梨", "广州市海珠区某水果店", "鳄梨果皮有虫孔，切开有幼虫。", Category.PRODUCT_SAFETY),
    ("consultation", "跨境电商保健品", "", "跨境电商购买的保健品如何查询是否合法进口？", Category.SERVICE),
]
# fmt: on


def _code(rng) -> str:
    return "TS" + "".join(rng.choice(CODE_ALPHABET) for _i in range(10))


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(pk=bureau.user_ids["supervisor_sz"])
    inspector = User.objects.get(pk=bureau.user_ids["inspector_wjd"])
    orgs = bureau.orgs
    today = timezone.localdate()
    counts = {"complaints": 0}
    for n in range(60):
        kind, product, place, description, category = CASES[n % len(CASES)]
        org = orgs["SZ"] if rng.random() < 0.7 else orgs.get("GZ", orgs["SZ"])
        complaint = complaint_submit(
            data={
                "kind": kind,
                "product": product,
                "place": place,
                "description": description,
                "contact_phone": f"139{rng.randint(10000000, 99999999)}" if rng.random() < 0.6 else "",
            },
            org=org,
        )
        received = today - dt.timedelta(days=rng.randint(0, 60))
        received_at = timezone.make_aware(dt.datetime.combine(received, dt.time(9 + n % 8, 7 * n % 60)))
        Complaint.objects.filter(pk=complaint.pk).update(
            tracking_code=_code(rng),
            received_at=received_at,
            due_on=add_working_days(received, response_days()),
        )
        complaint.refresh_from_db()
        counts["complaints"] += 1
        stage = rng.random()
        if stage < 0.2 or org != orgs["SZ"]:
            continue
        assignee = inspector if rng.random() < 0.6 else None
        target = orgs["WJD"] if assignee else orgs["SZ"]
        complaint_triage(
            complaint=complaint, category=category, org=target, assignee=assignee, actor=supervisor
        )
        if stage < 0.45:
            continue
        complaint_reply(
            complaint=complaint, reply="经核查，已依法处理，感谢您的监督。", actor=assignee or supervisor
        )
        late = rng.random() < 0.15
        replied = min(today, complaint.due_on + dt.timedelta(days=rng.randint(1, 5))) if late else received
        Complaint.objects.filter(pk=complaint.pk).update(
            replied_at=timezone.make_aware(dt.datetime.combine(max(replied, received), dt.time(16)))
        )
        if stage < 0.7:
            continue
        complaint.refresh_from_db()
        outcome = (
            Outcome.ANSWERED
            if kind == "consultation"
            else rng.choice([Outcome.SUBSTANTIATED, Outcome.UNSUBSTANTIATED])
        )
        complaint_close(complaint=complaint, outcome=outcome, actor=supervisor)
    counts["complaints"] += _against_agencies(orgs, supervisor, today)
    return counts


AGENCY_CASES = [
    ("出口服装验货报告", "检验鉴定机构未到现场验货即出具合格报告，货到后发现大量不合格。"),
    ("工厂审核报告", "验厂人员收取额外费用后出具通过结论，审核记录与现场情况不符。"),
    ("进口设备品质鉴定", "鉴定报告中的数量与实际到货数量不一致，机构拒绝复核。"),
]


def _against_agencies(orgs, supervisor, today) -> int:
    """Complaints against inspection agencies (口岸天平), routed to their supervising units and linked to this
    year's Port Balance action when the campaign demo made one."""
    from guomen.campaigns.models import Campaign
    from guomen.campaigns.services import campaign_link
    from guomen.registry.models import Enterprise

    agencies = list(Enterprise.objects.filter(kind="inspection_agency").order_by("id")[:3])
    campaign = Campaign.objects.filter(code=f"KATP{today.year}", status="active").first()
    for agency, (product, description) in zip(agencies, AGENCY_CASES, strict=False):
        complaint = complaint_submit(
            data={"kind": "complaint", "product": product, "description": description}, agency=agency
        )
        if campaign is not None and complaint.org.path.startswith(campaign.org.path):
            campaign_link(campaign=campaign, kind="complaint", object_id=complaint.pk, actor=supervisor)
    return len(agencies)
