"""Demo data for risk: recurring signals at the ports, RASFF notifications, an assessed cluster with a
published warning (tightened inspection + consumer warning) and a draft waiting for the supervisor."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from guomen.accounts.models import OrgUnit, User
from guomen.catalog.models import Hazard
from guomen.registry.models import ProductionBase

from . import wording
from .early_warnings import assessment_create, warning_create, warning_publish, warning_validate
from .measures import measure_add
from .models import RiskCluster
from .rasff import rasff_import
from .services import signal_record

RASFF_FILE = Path(settings.SHARED_DATA_DIR) / "rasff" / "rasff_2024-01_2025-08.sqlite"
HAZARD_CYCLE = ("PLANLI", "BACTDO", "CHLORP")
MEDIA = [
    ("media", "网络报道：部分进口榴莲检出虫害"),
    ("self_report", "企业自报：一批进口火龙果包装破损受潮"),
    ("complaint", "12365投诉：进口车厘子疑似农残超标"),
]


def _signals(bureau, rng, today) -> int:
    ports = [OrgUnit.objects.get(code=c) for c in ("WJD", "HG")]
    bad = [b for b in bureau.bases if b.bad and b.commodities][:4] or bureau.bases[:4]
    made = 0
    for n, base in enumerate(bad):
        hazard = Hazard.objects.filter(pk=bureau.hazard_ids.get(HAZARD_CYCLE[n % len(HAZARD_CYCLE)])).first()
        production_base = ProductionBase.objects.select_related("country").get(pk=base.id)
        hs = production_base.commodities.order_by("code").first()
        for k in range(rng.randint(3, 7)):
            signal_record(
                source=rng.choice(["inspection", "lab"]),
                source_ref=f"demo.riskburst:{base.code}:{k}",
                title=f"{base.name or base.code}：{'检出有害生物' if n % 3 != 2 else '农残超标'}（第{k + 1}次）",
                org=rng.choice(ports),
                occurred_on=today - dt.timedelta(days=rng.randint(0, 28)),
                hs=hs,
                hazard=hazard,
                origin=production_base.country,
                production_base=production_base,
            )
            made += 1
    for source, title in MEDIA:
        signal_record(
            source=source,
            title=title,
            org=ports[0],
            occurred_on=today - dt.timedelta(days=rng.randint(0, 20)),
        )
        made += 1
    return made


def seed_demo(bureau, rng) -> dict:
    today = timezone.localdate()
    counts = {"risk_signals": _signals(bureau, rng, today)}
    if RASFF_FILE.exists():
        counts["rasff_notifications"] = rasff_import(path=RASFF_FILE).created
    analyst = User.objects.filter(username="analyst_sz").first()
    supervisor = User.objects.filter(username="supervisor_sz").first()
    # Four eyes: the analyst drafts, one supervisor validates, a second publishes.
    publisher = User.objects.filter(username="supervisor2_sz").first() or supervisor
    cluster = RiskCluster.objects.filter(status="open").order_by("-signal_count", "id").first()
    if not (analyst and supervisor and cluster):
        return counts
    ports = list(OrgUnit.objects.filter(code__in=["WJD", "HG"]))
    assessment = assessment_create(
        actor=analyst,
        cluster=cluster,
        data={
            "risk_decision": "serious",
            "classification": "alert",
            "reasoning": f"近4周同一基地{cluster.signal_count}次检出同一风险，呈持续态势。",
            "evidence": "查验记录与实验室检测报告见聚类历史。",
        },
    )
    subject = cluster.subject_name
    warning = warning_create(
        actor=analyst,
        assessment=assessment,
        data={
            "title": wording.warning_title(subject=subject, hazard=cluster.hazard),
            "body": assessment.reasoning,
            "addressees": ports,
        },
    )
    due = today + dt.timedelta(days=14)
    measure_add(
        warning=warning,
        actor=analyst,
        data={
            "kind": "tightened_inspection",
            "owner": analyst,
            "deadline": due,
            "lifting_condition": "连续5批合格",
            "scope": "origin_commodity",
            "hs_prefix": (
                cluster.production_base.commodities.first().code if cluster.production_base_id else ""
            )[:6],
        },
    )
    measure_add(
        warning=warning,
        actor=analyst,
        data={
            "kind": "consumer_warning",
            "owner": analyst,
            "deadline": due,
            "lifting_condition": "期满自动撤下",
            "public_title": wording.consumer_title(group=cluster.commodity_group),
            "public_text": wording.consumer_text(group=cluster.commodity_group, hazard=cluster.hazard),
        },
    )
    warning_validate(warning=warning, actor=supervisor)
    warning_publish(warning=warning, actor=publisher)
    other = (
        RiskCluster.objects.filter(status="open")
        .exclude(pk=cluster.pk)
        .order_by("-signal_count", "id")
        .first()
    )
    if other is not None:
        draft = assessment_create(
            actor=analyst,
            cluster=other,
            data={
                "risk_decision": "potential_risk",
                "classification": "follow_up",
                "reasoning": "检出频次上升，需持续跟踪。",
            },
        )
        warning_create(
            actor=analyst,
            assessment=draft,
            data={"title": f"关于{other}的跟踪通报", "body": draft.reasoning, "addressees": ports},
        )
    counts["risk_warnings"] = 2 if other is not None else 1
    return counts
