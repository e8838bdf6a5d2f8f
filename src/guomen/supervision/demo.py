"""Demo data for supervision: more inspectors for the double-random draw, standings, credit events,
one blacklisting with a petition, a drawn spot-check plan with results, a base registration waiting."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.accounts.services import user_create
from guomen.catalog.models import Country
from guomen.registry.models import Enterprise

from . import services
from .models import CreditDowngrade, SpotCheckPlan

# (username, unit, display name): inspectors so each port has a pool to draw pairs from.
EXTRA_INSPECTORS = [
    ("inspector_wjd2", "WJD", "周杰（文锦渡查验）"),
    ("inspector_wjd3", "WJD", "吴婷（文锦渡查验）"),
    ("inspector_hg", "HG", "郑强（皇岗查验）"),
    ("inspector_hg2", "HG", "孙丽（皇岗查验）"),
    ("inspector_sk", "SK", "何军（蛇口查验）"),
    ("inspector_szw", "SZW", "马超（深圳湾查验）"),
]


def seed_demo(bureau, rng) -> dict:
    from guomen.demo import reference

    admin = bureau.admin
    for username, unit, name in EXTRA_INSPECTORS:
        if unit in bureau.orgs and not User.objects.filter(username=username).exists():
            user_create(
                username=username,
                password=reference.DEMO_PASSWORD,
                role=Role.INSPECTOR,
                org=bureau.orgs[unit],
                display_name=name,
                actor=admin,
            )
    supervisor = User.objects.get(username="supervisor_sz")
    analyst = User.objects.get(username="analyst_sz")
    today = timezone.localdate()
    sz = [e for e in Enterprise.objects.filter(org__path__startswith="/GACC/SZ/").order_by("uscc")]
    demo_firm = Enterprise.objects.get(pk=bureau.enterprises[0].id)
    others = [e for e in sz if e.pk != demo_firm.pk]
    events = 0
    for i, firm in enumerate(others[:8]):
        kind, severity = [
            ("violation", "general"),
            ("warning", ""),
            ("violation", "serious"),
            ("commendation", ""),
        ][i % 4]
        services.credit_event_record(
            enterprise=firm,
            kind=kind,
            severity=severity,
            occurred_on=today - dt.timedelta(days=20 + i * 9),
            description=["标签标识不符合要求", "未按规定报检", "货证不符", "获评质量诚信企业"][i % 4],
            evidence=f"深关监〔{today.year}〕{101 + i}号",
            actor=supervisor,
        )
        events += 1
    services.recompute(enterprise_ids=[firm.pk for firm in others[:8]])
    blacklisted = 0
    if len(others) > 10:
        services.credit_event_record(
            enterprise=others[10],
            kind="violation",
            severity="grave",
            occurred_on=today - dt.timedelta(days=40),
            description="伪造植物检疫证书",
            evidence=f"深关缉〔{today.year}〕7号",
            actor=supervisor,
        )
        entry = services.blacklist_propose(
            enterprise=others[10],
            reason="伪造植物检疫证书,逃避检验检疫",
            legal_basis="《中华人民共和国进出境动植物检疫法》第四十条",
            actor=analyst,
        )
        services.blacklist_decide(entry=entry, approve=True, note="证据确凿,列入失信名单", actor=supervisor)
        blacklisted = 1
    plan = services.plan_create(
        data={
            "name": f"{today.year}年度进出口企业双随机抽查",
            "org": bureau.orgs["SZ"],
            "sample_count": 8,
            "risk_weighted": True,
            "starts_on": today - dt.timedelta(days=30),
            "ends_on": today + dt.timedelta(days=60),
        },
        actor=supervisor,
    )
    services.plan_draw(plan=plan, seed=20260901, actor=supervisor)
    published = 0
    for i, task in enumerate(SpotCheckPlan.objects.get(pk=plan.pk).tasks.order_by("rank")):
        if not task.inspector_b_id or i >= 5:
            continue
        bad = {2} if i % 3 == 1 else set()
        items = {
            it.position: (
                "non_conform" if it.position in bad else "conform",
                "进货查验记录缺失" if it.position in bad else "",
            )
            for it in task.items.all()
        }
        services.check_record(
            task=task,
            items=items,
            samples_taken=1 if i % 2 else 0,
            actor=task.inspector_a,
            rectification_due=today + dt.timedelta(days=15) if bad else None,
        )
        if i < 3:
            services.check_publish(task=task, actor=supervisor)
            published += 1
    ent_user = User.objects.filter(role=Role.ENTERPRISE, enterprise=demo_firm).first()
    country = Country.objects.filter(code="TH").first()
    if ent_user and country:
        services.base_registration_apply(
            enterprise=demo_firm,
            data={
                "code": f"GAP-TH-DEMO-{rng.randint(1000, 9999)}",
                "kind": "orchard",
                "name": "尖竹汶府榴莲果园",
                "country": country,
                "region": "Chanthaburi",
            },
            statement="已通过泰国农业部GAP认证",
            actor=ent_user,
        )
    events += _back_generated_grades(admin)
    from .demo_enterprise import seed_rectifications, seed_services

    inspector = User.objects.get(username="inspector_wjd")
    with_evidence = seed_rectifications(
        demo_firm=demo_firm, other=others[0], supervisor=supervisor, inspector=inspector
    )
    from .demo_special import seed_special

    special = seed_special(bureau, supervisor, today)
    return {
        "credit_events": events,
        "rectifications_with_credit": with_evidence,
        "services_to_enterprises": seed_services(firms=[demo_firm, *others[:2]], supervisor=supervisor),
        "blacklisted": blacklisted,
        "spot_checks_published": published,
        **special,
    }


# The credit events that give each generated grade its score (base 100): AA 105, A 100, B 88, C 70, D 58.
GRADE_HISTORY = {
    "AA": [("commendation", "", 200, "获评海关高级认证企业（AEO）", "总署企管〔{y}〕12号")],
    "B": [("violation", "serious", 300, "货证不符，申报品名与实际不符", "深关监〔{y}〕208号")],
    "C": [("violation", "grave", 250, "逃避检验检疫，擅自调离监管货物", "深关缉〔{y}〕31号")],
    "D": [
        ("violation", "grave", 420, "提供虚假检验检疫证单", "深关缉〔{y}〕19号"),
        ("violation", "serious", 120, "标签标识不符合要求且拒不整改", "深关监〔{y}〕377号"),
    ],
}


def _back_generated_grades(admin) -> int:
    """Every generated grade other than A gets the credit events that produce it, recorded by a credit officer
    of the General Administration (who covers every unit), so score, events and grade agree everywhere."""
    from guomen.demo import reference

    officer, second = (
        User.objects.filter(username=name).first()
        or user_create(
            username=name,
            password=reference.DEMO_PASSWORD,
            role=Role.SUPERVISOR,
            org=admin.org,
            display_name=display,
            actor=admin,
        )
        for name, display in (
            ("credit_gacc", "钱伟（总署信用管理）"),
            ("credit2_gacc", "冯洁（总署信用管理，复核）"),
        )
    )
    today = timezone.localdate()
    recorded = 0
    for firm in Enterprise.objects.filter(credit_grade__in=list(GRADE_HISTORY)).order_by("id"):
        if firm.credit_events.exists():
            continue
        for kind, severity, days, text, evidence in GRADE_HISTORY[firm.credit_grade]:
            services.credit_event_record(
                enterprise=firm,
                kind=kind,
                severity=severity,
                occurred_on=today - dt.timedelta(days=days),
                description=text,
                evidence=evidence.format(y=today.year),
                actor=officer,
            )
            recorded += 1
        for proposal in CreditDowngrade.objects.filter(enterprise=firm, status="proposed"):
            services.downgrade_decide(
                downgrade=proposal, approve=True, note="证据确凿，降为D级", actor=second
            )
    return recorded
