"""Records of the port lines of work as they stand on file (no service run): pass `enterprise`; the supervising
unit is the enterprise's unless given."""

import datetime as dt
from decimal import Decimal

import factory

from guomen.portlines import choices as c
from guomen.portlines.models import (
    AgencyFinding,
    AgencyRegistration,
    FoodLicence,
    HygieneMonitoring,
    PackagingMaker,
    PackagingUse,
    PerformanceTest,
    WasteConsignee,
)

DAY = dt.date(2026, 3, 1)


class _PortRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    org = factory.LazyAttribute(lambda o: o.enterprise.org)


class FoodLicenceFactory(_PortRecordFactory):
    class Meta:
        model = FoodLicence

    number = factory.Sequence(lambda n: f"深卫口食证字第{n:04d}号")
    business = c.FoodBusiness.CATERING
    premises = "旅检大楼二层"
    valid_from = DAY
    valid_until = DAY + dt.timedelta(days=1460)


class WasteConsigneeFactory(_PortRecordFactory):
    class Meta:
        model = WasteConsignee

    number = factory.Sequence(lambda n: f"A4403{n:06d}")
    materials = "再生铜原料"
    applied_on = DAY
    status = c.ConsigneeStatus.REGISTERED


class AgencyFindingFactory(_PortRecordFactory):
    class Meta:
        model = AgencyFinding

    check_kind = c.AgencyCheckKind.GOODS
    found_on = DAY
    description = factory.Sequence(lambda n: f"验货记录与实货不符 {n}")


class PackagingUseFactory(_PortRecordFactory):
    class Meta:
        model = PackagingUse

    packaging = c.PackagingKind.DRUM
    un_number = "UN1263"
    goods = factory.Sequence(lambda n: f"油漆 {n}")
    inspected_on = DAY
    result = c.UseResult.PASSED


class AgencyRegistrationFactory(_PortRecordFactory):
    class Meta:
        model = AgencyRegistration

    number = factory.Sequence(lambda n: f"深检鉴字第{n:04d}号")
    scope = "commodity weight"
    applied_on = DAY
    status = c.AgencyStatus.REGISTERED


class HygieneMonitoringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HygieneMonitoring

    enterprise = None
    org = factory.LazyAttribute(lambda o: o.enterprise.org)
    category = c.MonitoringCategory.DRINKING_WATER
    item = factory.Sequence(lambda n: f"菌落总数 {n}")
    sampling_point = "餐厅直饮水机"
    sampled_on = DAY
    value = Decimal("36")
    unit = "CFU/mL"
    limit = Decimal("100")
    limit_kind = c.LimitKind.MAX
    conforming = True
    status = c.MonitoringStatus.CONFORMING


class PackagingMakerFactory(_PortRecordFactory):
    class Meta:
        model = PackagingMaker

    number = factory.Sequence(lambda n: f"深危包登字第{n:07d}号")
    products = "1A1 4G"
    registered_on = DAY
    valid_until = DAY + dt.timedelta(days=1825)


class PerformanceTestFactory(_PortRecordFactory):
    class Meta:
        model = PerformanceTest

    maker = factory.SubFactory(
        PackagingMakerFactory,
        enterprise=factory.SelfAttribute("..enterprise"),
        org=factory.SelfAttribute("..org"),
    )
    un_code = "1A1"
    batch = factory.Sequence(lambda n: f"B-{n:04d}")
    tested_on = DAY
    drop = stacking = leakproof = hydraulic = c.TestOutcome.PASSED
    passed = True
    status = c.PerformanceStatus.VALID
