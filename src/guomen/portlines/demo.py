"""Demo records of the port lines of work at 深圳局, on the firms of the special spot-check demo (supervision):
food hygiene licences of the port caterer and shop (graded, one suspended), a registered solid-waste consignee due
for review and an application, 口岸天平 findings against the two inspection agencies (one penalised through
credit), and dangerous-goods packaging use results (one expired, one not fit for use); the agencies' registrations
with their scope (one registered, one applying), hygiene monitoring at the port and at the caterer (one
non-conforming, open), and a registered packaging maker with a passed and a failed performance test."""

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
    counts |= _agencies(supervisor, under, day, today)
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
    if caterer and shop:
        counts["hygiene_monitoring"] = _monitoring(supervisor, one, day)
    packer = _firm("dg_packaging", 0, under)
    if packer:
        counts |= _packaging(supervisor, packer, day)
        uses = [
            ("drum", "UN1263", "油漆", 60, "passed", 305, "BT-1A1-2611"),
            ("ibc", "UN1993", "易燃液体,未另作规定的", 20, "failed", None, ""),
            ("jerrican", "UN1805", "磷酸溶液", 400, "passed", 365, ""),
        ]
        for packaging, un, goods, ago, result, valid_days, batch in uses:
            record = services.use_record(
                enterprise=packer,
                packaging=packaging,
                un_number=un,
                goods=goods,
                inspected_on=day(ago),
                result=result,
                valid_until=day(ago) + dt.timedelta(days=valid_days) if valid_days else None,
                batch=batch,
                actor=supervisor,
            )
            if record.valid_until and record.valid_until < today:
                services.status_set(record=record, to="expired", reason="超过鉴定有效期", actor=supervisor)
        counts["packaging_uses"] = len(uses)
    return counts


def _agencies(supervisor, under, day, today) -> dict:
    first, second = _firm("inspection_agency", 0, under), _firm("inspection_agency", 1, under)
    if first is None:
        return {}
    registration = services.agency_apply(
        enterprise=first,
        scope=["commodity", "weight", "measurement", "damage", "factory"],
        applied_on=day(420),
        actor=supervisor,
    )
    services.agency_register(
        registration=registration,
        number=f"深检鉴字〔{today.year - 1}〕第0021号",
        registered_on=day(400),
        valid_until=day(400) + dt.timedelta(days=3 * 365),
        actor=supervisor,
    )
    services.agency_review(
        registration=registration,
        reviewed_on=day(35),
        passed=True,
        reason="年度审核:人员与设备符合要求",
        actor=supervisor,
    )
    if second is not None:
        services.agency_apply(
            enterprise=second, scope=["quality", "sampling"], applied_on=day(9), actor=supervisor
        )
    return {"agency_registrations": 1 + (second is not None)}


def _monitoring(supervisor, licence, day) -> int:
    results = [
        (licence, "drinking_water", "菌落总数", "旅检大楼二层餐厅直饮水机", 14, "36", "CFU/mL", "100", "max"),
        (licence, "food_contact", "大肠菌群", "餐厅消毒后餐具", 14, "2", "个/50cm²", "0", "max"),
        (licence, "drinking_water", "游离余氯", "餐厅后厨末梢水", 14, "0.12", "mg/L", "0.05", "min"),
        (None, "public_air", "二氧化碳", "文锦渡口岸旅检大厅", 10, "0.08", "%", "0.10", "max"),
        (None, "vector", "鼠密度(粘鼠板法)", "文锦渡口岸货运区", 7, "0.5", "%", "1", "max"),
    ]
    for licence_or_none, category, item, point, ago, value, unit, limit, kind in results:
        services.monitoring_record(
            licence=licence_or_none,
            org=licence.org,
            category=category,
            item=item,
            sampling_point=point,
            sampled_on=day(ago),
            value=value,
            unit=unit,
            limit=limit,
            limit_kind=kind,
            actor=supervisor,
        )
    return len(results)


def _packaging(supervisor, packer, day) -> dict:
    maker = services.maker_register(
        enterprise=packer,
        number="深危包登字第4403012号",
        products="1A1, 1A2, 1H1, 3H1, 4G, 31HA1",
        registered_on=day(500),
        valid_until=day(500) + dt.timedelta(days=5 * 365),
        actor=supervisor,
    )
    passed = dict(drop="passed", stacking="passed", leakproof="passed", hydraulic="passed")
    services.performance_record(
        maker=maker, un_code="1A1", batch="BT-1A1-2611", tested_on=day(70),
        valid_until=day(70) + dt.timedelta(days=365), actor=supervisor, **passed,
    )  # fmt: skip
    services.performance_record(
        maker=maker, un_code="31HA1", batch="BT-31HA1-2612", tested_on=day(15),
        drop="passed", stacking="failed", leakproof="passed", hydraulic="failed", actor=supervisor,
    )  # fmt: skip
    return {"packaging_makers": 1, "performance_tests": 2}
