"""Demo data for certification supervision at 深圳局: two certification bodies and certified enterprises on file,
certificates (CCC and voluntary), annual checks in every state (three of them recorded this year, as the seed's
“3家认证获证企业进行了年度监管检查”), and a mark-misuse case penalised through credit."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User
from guomen.core.testing import make_uscc
from guomen.registry.models import Enterprise
from guomen.registry.services import enterprise_create

from . import services
from .models import CompulsoryProduct

BODIES = [("中国质量认证中心", 1), ("方圆标志认证集团有限公司", 2)]
HOLDERS = [
    ("深圳华通电器进出口有限公司", "importer", "WJD"),
    ("深圳安宝儿童用品进口有限公司", "importer", "WJD"),
    ("深圳前海进口汽车销售服务有限公司", "car_dealer", "HG"),
    ("深圳美康日化进口贸易有限公司", "importer", "WJD"),
]
CERTIFICATES = [
    # holder, scheme, number, products, hs, body, valid from (days ago), years
    (0, "ccc", "2024010901700001", "电源适配器(进口)", "8504", 0, 700, 5),
    (0, "iso9001", "00124Q31234R1M", "家用电器的进口与销售", "", 1, 400, 3),
    (1, "ccc", "2023011601700002", "儿童电动玩具", "9503", 0, 900, 5),
    (1, "voluntary", "CQC24-001234", "儿童推车安全性能", "8715", 0, 300, 3),
    (2, "iso9001", "00125Q30987R0M", "进口汽车的销售与售后服务", "", 1, 200, 3),
    (3, "iso22000", "00123F30555R1M", "进口食品的储存与分销", "", 1, 1000, 3),
    (3, "haccp", "001HACCP23001", "进口预包装食品分装", "", 0, 1100, 3),
]
# Part of the compulsory product certification catalogue (强制性产品认证目录), by HS heading.
CATALOGUE = [
    ("8504", "电源适配器及充电器"),
    ("8516", "家用电热器具(电吹风、电热水器等)"),
    ("8528", "电视机及显示器"),
    ("9503", "电玩具"),
    ("8703", "机动车辆(汽车)"),
]


def _enterprise(name, kind, org, seq, supervisor):
    found = Enterprise.objects.filter(name_zh=name).first()
    if found is not None:
        return found
    return enterprise_create(
        data={
            "uscc": make_uscc(880000 + seq * 41, "440399"),
            "name_zh": name,
            "kind": kind,
            "org": org,
            "filed_on": timezone.localdate() - dt.timedelta(days=1200),
        },
        actor=supervisor,
    )


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(username="supervisor_sz")
    inspector = User.objects.get(username="inspector_wjd")
    today = timezone.localdate()
    bodies = [
        _enterprise(name, "certification_body", bureau.orgs["SZ"], seq, supervisor) for name, seq in BODIES
    ]
    holders = [
        _enterprise(name, kind, bureau.orgs[org], 10 + i, supervisor)
        for i, (name, kind, org) in enumerate(HOLDERS)
    ]
    for prefix, name in CATALOGUE:
        CompulsoryProduct.objects.get_or_create(
            hs_prefix=prefix, defaults={"name_zh": name, "announcement": "认监委公告2020年第18号"}
        )
    # an entry taken out of the catalogue: kept as history, no longer applied by the release rule
    CompulsoryProduct.objects.get_or_create(
        hs_prefix="8519",
        retired_on=today - dt.timedelta(days=400),
        defaults={
            "name_zh": "音频设备(已移出目录)",
            "announcement": "认监委公告2019年第44号",
            "retired_reason": "目录调整，改为自愿性认证",
        },
    )
    certificates = []
    for holder, scheme, number, products, hs, body, days_ago, years in CERTIFICATES:
        start = today - dt.timedelta(days=days_ago)
        certificates.append(
            services.certificate_register(
                enterprise=holders[holder],
                scheme=scheme,
                number=number,
                products=products,
                hs_code=hs,
                body=bodies[body],
                valid_from=start,
                valid_until=start.replace(year=start.year + years),
                actor=supervisor,
            )
        )
    ok = {item: "ok" for item in ("validity", "scope", "consistency", "marks", "system", "complaints")}
    checks = [
        services.check_plan(certificate=c, planned_on=today - dt.timedelta(days=20 - i * 3), actor=supervisor)
        for i, c in enumerate(certificates[:5])
    ]
    services.check_record(
        check=checks[0], results=ok, checked_on=today - dt.timedelta(days=18), actor=inspector
    )
    services.check_record(
        check=checks[1],
        results={**ok, "marks": "nc"},
        findings="部分产品铭牌未按规定加施认证标志",
        rectification_due=today + dt.timedelta(days=15),
        checked_on=today - dt.timedelta(days=14),
        actor=inspector,
    )
    services.check_record(
        check=checks[2],
        results={**ok, "consistency": "nc"},
        findings="抽查产品的电池型号与获证型式不一致",
        rectification_due=today - dt.timedelta(days=2),
        checked_on=today - dt.timedelta(days=12),
        actor=inspector,
    )
    services.check_close(
        check=checks[2],
        rectified_on=today - dt.timedelta(days=3),
        reason="现场复查,已更换为获证型号电池",
        actor=inspector,
    )
    case = services.misuse_open(
        enterprise=holders[3],
        found_on=today - dt.timedelta(days=9),
        actor=inspector,
        description="在未获CCC认证的进口电吹风外包装上加施CCC标志",
    )
    services.misuse_decide(
        case=case, to="penalised", reason="经查属实", penalty="责令改正,罚款人民币3万元", actor=supervisor
    )
    services.misuse_open(
        enterprise=holders[1],
        found_on=today - dt.timedelta(days=2),
        actor=inspector,
        description="群众举报:儿童推车宣传册使用认证标志与证书范围不符",
    )
    _link_to_campaign(today, checks[:3], case, supervisor)
    return {"certificates": len(certificates), "certification_checks": len(checks)}


def _link_to_campaign(today, checks, case, supervisor) -> None:
    from guomen.campaigns.models import Campaign
    from guomen.campaigns.services import campaign_link

    campaign = Campaign.objects.filter(code=f"QM{today.year}", status="active").first()
    if campaign is None:
        return
    for check in checks:
        campaign_link(campaign=campaign, kind="cert_check", object_id=check.pk, actor=supervisor)
    campaign_link(campaign=campaign, kind="mark_misuse", object_id=case.pk, actor=supervisor)
