"""Demo records of the port lines of work at 深圳局, on the firms of the special spot-check demo (supervision):
food hygiene licences of the port caterer and shop (graded, one suspended), a registered solid-waste consignee due
for review and an application, 口岸天平 findings against the two inspection agencies (one penalised through
credit), and dangerous-goods packaging use results (one expired, one not fit for use)."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User
from guomen.registry.models import Enterprise

from . import services


def _firm(kind: str, index: int = 0, under: str = "/"):
    """The index-th firm of the kind under the unit path (the demo supervisor's jurisdiction)."""
    qs = Enterprise.objects.filter(kind=kind, org__path__startswith=under).order_by("id")
    return qs[index : index + 1].first()


def seed_demo(bureau, rng) -> dict:
    supervisor = User.objects.get(username="supervisor_sz")
    today = timezone.localdate()
    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    counts = {}
    under = supervisor.org.path
    caterer, shop = _firm("port_food", 0, under), _firm("port_food", 1, under)
    if caterer and shop:
        one = services.licence_issue(
            enterprise=caterer,
            number=f"深卫口食证字〔{today.year - 1}〕第0012号",
            business="catering",
            premises="文锦渡口岸旅检大楼二层",
            valid_from=day(400),
            valid_until=day(400) + dt.timedelta(days=1460),
            actor=supervisor,
        )
        services.licence_grade(licence=one, grade="A", graded_on=day(30), actor=supervisor)
        two = services.licence_issue(
            enterprise=shop,
            number=f"深卫口食证字〔{today.year - 2}〕第0007号",
            business="shop",
            premises="皇岗口岸出境大厅",
            valid_from=day(700),
            valid_until=day(700) + dt.timedelta(days=1460),
            actor=supervisor,
        )
        services.licence_grade(licence=two, grade="C", graded_on=day(25), actor=supervisor)
        services.status_set(
            record=two,
            to="suspended",
            reason="年度量化分级为C级,冷藏设施温度记录缺失,责令停业整改",
            actor=supervisor,
        )
        services.licence_issue(
            enterprise=caterer,
            number=f"深卫口食证字〔{today.year - 4}〕第0003号",
            business="supply",
            premises="文锦渡口岸货运区配餐间",
            valid_from=day(1500),
            valid_until=day(40),
            actor=supervisor,
        )
        counts["port_food_licences"] = 3
    waste = _firm("waste_consignee", 0, under)
    if waste:
        record = services.consignee_apply(
            enterprise=waste, materials="废纸(4707)、废塑料(3915)", applied_on=day(380), actor=supervisor
        )
        services.consignee_register(
            consignee=record, number=f"A4403{today.year - 1}0058", registered_on=day(360), actor=supervisor
        )
        counts["waste_consignees"] = 1
    for index, (kind, found, what, penalty) in enumerate(
        [
            (
                "goods",
                12,
                "验货报告所附照片与实际货物不符,未按合同约定抽样",
                "警告,责令改正,暂停验货业务一个月",
            ),
            ("factory", 5, "验厂报告未记录生产线实际产能,结论缺乏依据", ""),
        ]
    ):
        agency = _firm("inspection_agency", index, under)
        if agency is None:
            continue
        finding = services.finding_open(
            enterprise=agency, check_kind=kind, found_on=day(found), description=what, actor=supervisor
        )
        if penalty:
            services.finding_decide(
                finding=finding,
                to="penalised",
                reason="口岸天平行动检查属实",
                penalty=penalty,
                actor=supervisor,
            )
        counts["agency_findings"] = index + 1
    packer = _firm("dg_packaging", 0, under)
    if packer:
        uses = [
            ("drum", "UN1263", "油漆", 60, "passed", 305),
            ("ibc", "UN1993", "易燃液体,未另作规定的", 20, "failed", None),
            ("jerrican", "UN1805", "磷酸溶液", 400, "passed", 365),
        ]
        for packaging, un, goods, ago, result, valid_days in uses:
            record = services.use_record(
                enterprise=packer,
                packaging=packaging,
                un_number=un,
                goods=goods,
                inspected_on=day(ago),
                result=result,
                valid_until=day(ago) + dt.timedelta(days=valid_days) if valid_days else None,
                actor=supervisor,
            )
            if record.valid_until and record.valid_until < today:
                services.status_set(record=record, to="expired", reason="超过鉴定有效期", actor=supervisor)
        counts["packaging_uses"] = len(uses)
    return counts
