"""Demo special spot checks (专项监督抽查): enterprises of the newer kinds at 深圳局 (car dealers, inspection agencies,
port food businesses, a dangerous-goods packaging firm, a solid-waste consignee) and two drawn special plans — the
imported cars' 三包 and recall check (six aspects) with results, and a 口岸天平 check of inspection agencies."""

import datetime as dt

from django.utils import timezone

from guomen.core.testing import make_uscc
from guomen.registry.models import Enterprise
from guomen.registry.services import enterprise_create

from . import services

FIRMS = [
    ("深圳宝泰进口汽车销售服务有限公司", "car_dealer", "WJD"),
    ("深圳中宏进口汽车贸易有限公司", "car_dealer", "WJD"),
    ("深圳港丰平行进口汽车有限公司", "car_dealer", "HG"),
    ("深圳华检检验鉴定有限公司", "inspection_agency", "WJD"),
    ("深圳中联公证检验有限公司", "inspection_agency", "HG"),
    ("文锦渡口岸旅检餐饮服务部", "port_food", "WJD"),
    ("皇岗口岸便利店", "port_food", "HG"),
    ("深圳安达危险品包装容器有限公司", "dg_packaging", "WJD"),
    ("深圳绿环再生资源有限公司", "waste_consignee", "HG"),
]


def seed_special(bureau, supervisor, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    for i, (name, kind, org) in enumerate(FIRMS):
        if not Enterprise.objects.filter(name_zh=name).exists():
            enterprise_create(
                data={
                    "uscc": make_uscc(660000 + i * 53, "440398"),
                    "name_zh": name,
                    "kind": kind,
                    "org": bureau.orgs[org],
                    "filed_on": today - dt.timedelta(days=900),
                },
                actor=supervisor,
            )
    period = {
        "org": bureau.orgs["SZ"],
        "starts_on": today - dt.timedelta(days=20),
        "ends_on": today + dt.timedelta(days=40),
    }
    cars = services.plan_create(
        data={
            "name": f"{today.year}年进口汽车“三包”及召回专项监督抽查",
            "sample_count": 3,
            "enterprise_kinds": ["car_dealer"],
            "checklist_kind": "car_3r",
            **period,
        },
        actor=supervisor,
    )
    services.plan_draw(plan=cars, seed=20260915, actor=supervisor)
    recorded = 0
    for task in cars.tasks.order_by("rank"):
        if not task.inspector_b_id:
            continue
        bad = {6} if task.rank == 1 else set()  # recall procedure missing at one dealer
        items = {
            it.position: (
                "non_conform" if it.position in bad else "conform",
                "未建立召回流程,召回记录缺失" if it.position in bad else "",
            )
            for it in task.items.all()
        }
        services.check_record(
            task=task,
            items=items,
            samples_taken=0,
            actor=task.inspector_a,
            rectification_due=today + dt.timedelta(days=20) if bad else None,
        )
        recorded += 1
    agencies = services.plan_create(
        data={
            "name": f"{today.year}年检验鉴定业务“口岸天平行动”",
            "sample_count": 2,
            "enterprise_kinds": ["inspection_agency"],
            "checklist_kind": "agency",
            **period,
        },
        actor=supervisor,
    )
    services.plan_draw(plan=agencies, seed=20260916, actor=supervisor)
    return {"special_spot_checks": recorded}
