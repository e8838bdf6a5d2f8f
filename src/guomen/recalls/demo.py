"""Demo recalls at 深圳局: a children's stroller recall under way with its dealers and progress, a hair-dryer recall
closed with a review, and a fresh report waiting to be confirmed; the quality-month campaign counts them."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User
from guomen.declarations.models import Declaration
from guomen.registry.models import Enterprise

from . import services
from .models import Recall


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(username="supervisor_sz")
    inspector = User.objects.get(username="inspector_wjd")
    today = timezone.localdate()
    importers = list(
        Enterprise.objects.filter(org__path__startswith="/GACC/SZ/WJD/", kind="importer").order_by("uscc")[:4]
    )
    if len(importers) < 4:
        return {}
    stroller = services.recall_open(
        title="进口儿童推车折叠锁止机构缺陷召回",
        category="children",
        product="Bebe Go 儿童推车 型号A1 批次2026-07",
        defect="折叠锁止机构可能意外松脱,存在夹伤儿童手指的风险",
        enterprise=importers[0],
        source="foreign_notice",
        reported_on=today - dt.timedelta(days=25),
        units_affected=320,
        hs_code="8715",
        actor=supervisor,
    )
    consignments = Declaration.objects.filter(
        declarant=importers[0], port__path__startswith="/GACC/SZ/"
    ).values_list("number", flat=True)[:2]
    services.recall_name_affected(
        recall=stroller,
        consignments=list(consignments),
        dealers=[e.uscc for e in importers[1:3]],
        actor=supervisor,
    )
    services.recall_set_status(
        recall=stroller, to="confirmed", reason="境外已召回,同型号产品已进口", actor=supervisor
    )
    services.recall_set_status(recall=stroller, to="in_progress", actor=supervisor)
    _warn_consumers(stroller, supervisor)
    for days, units, note in ((15, 120, "经销商下架并通知消费者"), (5, 214, "上门回收及更换锁止部件")):
        services.recall_progress(
            recall=stroller,
            reported_on=today - dt.timedelta(days=days),
            units_recovered=units,
            note=note,
            actor=inspector,
        )
    dryer = services.recall_open(
        title="进口电吹风过热保护失效召回",
        category="hair_dryer",
        product="型号HD-2000 批次2026-05",
        defect="过热保护装置失效,存在起火风险",
        enterprise=importers[3],
        source="defect_report",
        reported_on=today - dt.timedelta(days=60),
        units_affected=85,
        hs_code="8516",
        actor=supervisor,
    )
    services.recall_name_affected(
        recall=dryer, consignments=[], dealers=[importers[1].uscc], actor=supervisor
    )
    services.recall_set_status(recall=dryer, to="confirmed", reason="检测证实过热保护失效", actor=supervisor)
    services.recall_set_status(recall=dryer, to="in_progress", actor=supervisor)
    services.recall_progress(
        recall=dryer,
        reported_on=today - dt.timedelta(days=20),
        units_recovered=85,
        note="全部召回并销毁",
        actor=inspector,
    )
    services.recall_set_status(recall=dryer, to="completed", actor=supervisor)
    services.recall_set_status(
        recall=dryer, to="closed", review="召回率100%,责任进口商已纳入重点监管", actor=supervisor
    )
    services.recall_open(
        title="进口空气净化器滤网甲醛释放超标",
        category="air_purifier",
        product="型号AP-300",
        defect="消费者投诉滤网异味,疑似甲醛释放超标",
        enterprise=importers[2],
        source="complaint",
        reported_on=today - dt.timedelta(days=3),
        units_affected=0,
        actor=supervisor,
    )
    _link_to_campaign(today, [stroller, dryer], supervisor)
    return {"recalls": 3}


def _link_to_campaign(today, recalls, supervisor) -> None:
    from guomen.campaigns.models import Campaign
    from guomen.campaigns.services import campaign_link

    campaign = Campaign.objects.filter(code=f"QM{today.year}", status="active").first()
    if campaign is None:
        return
    for recall in recalls:
        campaign_link(campaign=campaign, kind="recall", object_id=recall.pk, actor=supervisor)


def _warn_consumers(recall, supervisor) -> None:
    """The stroller recall's early warning (drafted, validated, published by three people) carries a consumer
    warning the recall proposed and a second supervisor published: on the public portal."""
    from guomen.accounts.models import OrgUnit
    from guomen.risk.early_warnings import warning_create, warning_publish, warning_validate
    from guomen.risk.measures import measure_publish

    analyst = User.objects.filter(username="analyst_sz").first()
    second = User.objects.filter(username="supervisor2_sz").first()
    if analyst is None or second is None:
        return
    warning = warning_create(
        actor=analyst,
        data={
            "title": "进口儿童推车折叠锁止机构缺陷",
            "body": "境外通报某品牌儿童推车折叠锁止机构可能意外松脱,请各口岸核查同型号进口批次并督促召回。",
            "classification": "alert",
            "risk_decision": "serious",
            "addressees": list(OrgUnit.objects.filter(code__in=["WJD", "HG"])),
            "enterprise": recall.enterprise,
            "hs_prefix": recall.hs_code,
        },
    )
    warning_validate(warning=warning, actor=supervisor)
    warning_publish(warning=warning, actor=second)
    Recall.objects.filter(pk=recall.pk).update(early_warning=warning)
    recall.early_warning = warning
    services.recall_warn_consumers(
        recall=recall,
        title="消费警示:Bebe Go 儿童推车(型号A1)",
        text="该型号儿童推车折叠锁止机构可能意外松脱,存在夹伤儿童手指的风险。请立即停止使用,联系经销商免费更换锁止部件。",
        days=60,
        actor=supervisor,
    )
    recall.refresh_from_db()
    measure_publish(measure=recall.consumer_warning, actor=second)
