"""Demo licence and penalty decisions, most of them published (双公示)."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User
from guomen.registry.models import Enterprise

from .models import PublicDecision
from .services import decision_create, decision_set_published

LICENCES = [
    "准予进境水果指定监管场地经营许可。",
    "准予进境动植物检疫审批，许可进口鲜榴莲。",
    "准予出口食品生产企业备案。",
    "准予进境粮食指定加工企业资质。",
]
PENALTIES = [
    (
        "进口食品未经检验擅自销售，没收违法所得并处货值金额百分之十罚款。",
        "《中华人民共和国进出口商品检验法实施条例》第四十二条",
    ),
    ("伪造植物检疫证书，处以罚款人民币五万元。", "《中华人民共和国进出境动植物检疫法实施条例》第六十二条"),
    ("未按规定报检，处以罚款人民币二万元。", "《中华人民共和国进出境动植物检疫法实施条例》第五十九条"),
    ("进口预包装食品无中文标签擅自销售，责令改正并处罚款。", "《中华人民共和国食品安全法》第一百二十五条"),
]


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(pk=bureau.user_ids["supervisor_sz"])
    sz = bureau.orgs["SZ"]
    firms = list(Enterprise.objects.filter(org__path__startswith=sz.path).order_by("id")[:60])
    today = timezone.localdate()
    count = 0
    for n in range(40 if firms else 0):
        firm = rng.choice(firms)
        licence = rng.random() < 0.5
        summary, basis = (
            (rng.choice(LICENCES), "《中华人民共和国行政许可法》") if licence else rng.choice(PENALTIES)
        )
        decided = today - dt.timedelta(days=rng.randint(1, 400))
        prefix = "深关许" if licence else "深关缉违字"
        decision = decision_create(
            data={
                "kind": "licence" if licence else "penalty",
                "decision_number": f"{prefix}〔{decided.year}〕{n + 1:04d}号",
                "enterprise": firm,
                "enterprise_name": firm.name_zh,
                "decided_on": decided,
                "summary": summary,
                "legal_basis": basis,
                "org": sz,
            },
            actor=supervisor,
        )
        if rng.random() < 0.8:
            decision_set_published(decision=decision, published=True, actor=supervisor)
        count += 1
    return {
        "public_decisions": count,
        "published_decisions": PublicDecision.objects.filter(published=True).count(),
    }
