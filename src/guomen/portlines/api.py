"""API of the port lines of work: food hygiene licences and hygiene monitoring, solid-waste consignees,
inspection-agency registrations and findings, dangerous-goods packaging makers, performance tests and use
results."""

import datetime as dt

from ninja import Router, Schema

from guomen.core.actions import apply
from guomen.core.pagination import paginated
from guomen.core.permissions import require
from guomen.registry.selectors import enterprise_named

from . import selectors, services
from .models import (
    AgencyFinding,
    AgencyRegistration,
    FoodLicence,
    PackagingMaker,
    PackagingUse,
    PerformanceTest,
    WasteConsignee,
)

router = Router(tags=["portlines"])


class PortRecordOut(Schema):
    id: int
    enterprise: str
    status: str
    status_reason: str
    version: int

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc


class PortStatusIn(Schema):
    to: str
    reason: str
    version: int | None = None


class FoodLicenceIn(Schema):
    enterprise: str
    number: str
    business: str
    premises: str
    valid_from: dt.date
    valid_until: dt.date


class FoodLicenceOut(PortRecordOut):
    number: str
    business: str
    premises: str
    valid_from: dt.date
    valid_until: dt.date
    grade: str
    graded_on: dt.date | None


class FoodGradeIn(Schema):
    grade: str
    graded_on: dt.date
    version: int | None = None


class WasteConsigneeIn(Schema):
    enterprise: str
    materials: str
    applied_on: dt.date


class WasteConsigneeOut(PortRecordOut):
    number: str
    materials: str
    applied_on: dt.date
    registered_on: dt.date | None
    review_due: dt.date | None


class ConsigneeRegisterIn(Schema):
    number: str
    registered_on: dt.date
    version: int | None = None


class ConsigneeReviewIn(Schema):
    reviewed_on: dt.date
    passed: bool
    reason: str
    version: int | None = None


class AgencyFindingIn(Schema):
    enterprise: str
    check_kind: str
    found_on: dt.date
    description: str


class AgencyFindingOut(PortRecordOut):
    registration: int | None = None

    @staticmethod
    def resolve_registration(obj):
        return obj.registration_id

    check_kind: str
    found_on: dt.date
    description: str
    penalty: str


class FindingDecideIn(Schema):
    to: str
    reason: str
    penalty: str = ""
    severity: str = "general"
    version: int | None = None


class PackagingUseIn(Schema):
    enterprise: str
    packaging: str
    batch: str = ""
    un_number: str
    goods: str
    inspected_on: dt.date
    result: str
    valid_until: dt.date | None = None


class PackagingUseOut(PortRecordOut):
    packaging: str
    batch: str
    un_number: str
    goods: str
    inspected_on: dt.date
    result: str
    valid_until: dt.date | None


def _create(request, service, payload):
    data = payload.model_dump()
    enterprise = enterprise_named(user=request.auth, uscc=data.pop("enterprise"))
    return 201, service(enterprise=enterprise, actor=request.auth, **data)


@router.get("/licences", response=list[FoodLicenceOut])
@paginated
def licences(request, q: str = "", status: str = "", grade: str = ""):
    require(request.auth, "portlines.view")
    return selectors.licence_list(user=request.auth, q=q, status=status, grade=grade)


@router.post("/licences", response={201: FoodLicenceOut})
def licence_issue(request, payload: FoodLicenceIn):
    return _create(request, services.licence_issue, payload)


@router.post("/licences/{pk}/status", response=FoodLicenceOut)
def licence_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(FoodLicence, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)


@router.post("/licences/{pk}/grade", response=FoodLicenceOut)
def licence_grade(request, pk: int, payload: FoodGradeIn):
    licence = selectors.record_get(FoodLicence, user=request.auth, pk=pk)
    return apply(services.licence_grade, payload, licence=licence, actor=request.auth)


@router.get("/consignees", response=list[WasteConsigneeOut])
@paginated
def consignees(request, q: str = "", status: str = ""):
    require(request.auth, "portlines.view")
    return selectors.consignee_list(user=request.auth, q=q, status=status)


@router.post("/consignees", response={201: WasteConsigneeOut})
def consignee_apply(request, payload: WasteConsigneeIn):
    return _create(request, services.consignee_apply, payload)


@router.post("/consignees/{pk}/status", response=WasteConsigneeOut)
def consignee_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(WasteConsignee, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)


@router.post("/consignees/{pk}/register", response=WasteConsigneeOut)
def consignee_register(request, pk: int, payload: ConsigneeRegisterIn):
    consignee = selectors.record_get(WasteConsignee, user=request.auth, pk=pk)
    return apply(services.consignee_register, payload, consignee=consignee, actor=request.auth)


@router.post("/consignees/{pk}/review", response=WasteConsigneeOut)
def consignee_review(request, pk: int, payload: ConsigneeReviewIn):
    consignee = selectors.record_get(WasteConsignee, user=request.auth, pk=pk)
    return apply(services.consignee_review, payload, consignee=consignee, actor=request.auth)


@router.get("/findings", response=list[AgencyFindingOut])
@paginated
def findings(request, q: str = "", status: str = ""):
    require(request.auth, "portlines.view")
    return selectors.finding_list(user=request.auth, q=q, status=status)


@router.post("/findings", response={201: AgencyFindingOut})
def finding_open(request, payload: AgencyFindingIn):
    return _create(request, services.finding_open, payload)


@router.post("/findings/{pk}/decide", response=AgencyFindingOut)
def finding_decide(request, pk: int, payload: FindingDecideIn):
    finding = selectors.record_get(AgencyFinding, user=request.auth, pk=pk)
    return apply(services.finding_decide, payload, finding=finding, actor=request.auth)


@router.get("/uses", response=list[PackagingUseOut])
@paginated
def uses(request, q: str = "", status: str = ""):
    require(request.auth, "portlines.view")
    return selectors.use_list(user=request.auth, q=q, status=status)


@router.post("/uses", response={201: PackagingUseOut})
def use_record(request, payload: PackagingUseIn):
    return _create(request, services.use_record, payload)


@router.post("/uses/{pk}/status", response=PackagingUseOut)
def use_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(PackagingUse, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)


# Inspection-agency registrations ---------------------------------------------------------------------------------


class AgencyIn(Schema):
    enterprise: str
    scope: list[str]
    applied_on: dt.date


class AgencyOut(PortRecordOut):
    number: str
    scope: list[str]
    applied_on: dt.date
    registered_on: dt.date | None
    valid_until: dt.date | None
    review_due: dt.date | None

    @staticmethod
    def resolve_scope(obj):
        return obj.scope_codes


class AgencyDetailOut(AgencyOut):
    findings: list[AgencyFindingOut]

    @staticmethod
    def resolve_findings(obj):
        return obj.findings_seen


class AgencyRegisterIn(Schema):
    number: str
    registered_on: dt.date
    valid_until: dt.date
    version: int | None = None


class AgencyReviewIn(Schema):
    reviewed_on: dt.date
    passed: bool
    reason: str
    version: int | None = None


@router.get("/agencies", response=list[AgencyOut])
@paginated
def agencies(request, q: str = "", status: str = "", scope: str = ""):
    require(request.auth, "portlines.view")
    return selectors.agency_list(user=request.auth, q=q, status=status, scope=scope)


@router.post("/agencies", response={201: AgencyOut})
def agency_apply(request, payload: AgencyIn):
    return _create(request, services.agency_apply, payload)


@router.get("/agencies/{pk}", response=AgencyDetailOut)
def agency(request, pk: int):
    require(request.auth, "portlines.view")
    page = selectors.agency_page(user=request.auth, pk=pk)
    registration = page["registration"]
    registration.findings_seen = page["findings"]
    return registration


@router.post("/agencies/{pk}/status", response=AgencyOut)
def agency_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(AgencyRegistration, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)


@router.post("/agencies/{pk}/register", response=AgencyOut)
def agency_register(request, pk: int, payload: AgencyRegisterIn):
    record = selectors.record_get(AgencyRegistration, user=request.auth, pk=pk)
    return apply(services.agency_register, payload, registration=record, actor=request.auth)


@router.post("/agencies/{pk}/review", response=AgencyOut)
def agency_review(request, pk: int, payload: AgencyReviewIn):
    record = selectors.record_get(AgencyRegistration, user=request.auth, pk=pk)
    return apply(services.agency_review, payload, registration=record, actor=request.auth)


# Hygiene monitoring ----------------------------------------------------------------------------------------------


class MonitoringIn(Schema):
    licence: int | None = None
    port: str = ""
    category: str
    item: str
    sampling_point: str
    sampled_on: dt.date
    value: str | float
    unit: str
    limit: str | float
    limit_kind: str = "max"


class MonitoringOut(Schema):
    id: int
    port: str
    licence: int | None
    enterprise: str | None
    category: str
    item: str
    sampling_point: str
    sampled_on: dt.date
    value: str
    unit: str
    limit: str
    limit_kind: str
    conforming: bool
    status: str
    status_reason: str
    version: int

    @staticmethod
    def resolve_port(obj):
        return obj.org.code

    @staticmethod
    def resolve_licence(obj):
        return obj.licence_id

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc if obj.enterprise_id else None

    @staticmethod
    def resolve_value(obj):
        return format(obj.value.normalize(), "f")

    @staticmethod
    def resolve_limit(obj):
        return format(obj.limit.normalize(), "f")


@router.get("/monitoring", response=list[MonitoringOut])
@paginated
def monitoring(
    request, q: str = "", status: str = "", category: str = "", licence: str = "", conforming: str = ""
):
    require(request.auth, "portlines.view")
    return selectors.monitoring_list(
        user=request.auth, q=q, status=status, category=category, licence=licence, conforming=conforming
    )


@router.post("/monitoring", response={201: MonitoringOut})
def monitoring_record(request, payload: MonitoringIn):
    data = payload.model_dump()
    licence, port = data.pop("licence"), data.pop("port")
    data["licence"] = selectors.record_get(FoodLicence, user=request.auth, pk=licence) if licence else None
    data["org"] = selectors.port_named(port) if port and not licence else None
    return 201, services.monitoring_record(actor=request.auth, **data)


@router.post("/monitoring/{pk}/status", response=MonitoringOut)
def monitoring_status(request, pk: int, payload: PortStatusIn):
    record = selectors.monitoring_get(user=request.auth, pk=pk)
    return apply(services.monitoring_close, payload, record=record, actor=request.auth)


# Dangerous-goods packaging makers and performance tests -----------------------------------------------------------


class MakerIn(Schema):
    enterprise: str
    number: str
    products: str
    registered_on: dt.date
    valid_until: dt.date


class MakerOut(PortRecordOut):
    number: str
    products: list[str]
    registered_on: dt.date
    valid_until: dt.date

    @staticmethod
    def resolve_products(obj):
        return obj.product_codes


class PerformanceIn(Schema):
    un_code: str
    batch: str
    tested_on: dt.date
    drop: str
    stacking: str
    leakproof: str
    hydraulic: str
    valid_until: dt.date | None = None


class PerformanceOut(PortRecordOut):
    maker: int
    un_code: str
    batch: str
    tested_on: dt.date
    drop: str
    stacking: str
    leakproof: str
    hydraulic: str
    passed: bool
    valid_until: dt.date | None

    @staticmethod
    def resolve_maker(obj):
        return obj.maker_id


@router.get("/makers", response=list[MakerOut])
@paginated
def makers(request, q: str = "", status: str = ""):
    require(request.auth, "portlines.view")
    return selectors.maker_list(user=request.auth, q=q, status=status)


@router.post("/makers", response={201: MakerOut})
def maker_register(request, payload: MakerIn):
    return _create(request, services.maker_register, payload)


@router.post("/makers/{pk}/status", response=MakerOut)
def maker_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(PackagingMaker, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)


@router.post("/makers/{pk}/tests", response={201: PerformanceOut})
def performance_record(request, pk: int, payload: PerformanceIn):
    maker = selectors.record_get(PackagingMaker, user=request.auth, pk=pk)
    return 201, services.performance_record(maker=maker, actor=request.auth, **payload.model_dump())


@router.get("/tests", response=list[PerformanceOut])
@paginated
def performance_tests(request, q: str = "", status: str = ""):
    require(request.auth, "portlines.view")
    return selectors.performance_list(user=request.auth, q=q, status=status)


@router.post("/tests/{pk}/status", response=PerformanceOut)
def performance_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(PerformanceTest, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)
