"""API of the port lines of work: food hygiene licences and hygiene monitoring, solid-waste consignees,
inspection-agency registrations and findings, dangerous-goods packaging makers, performance tests and use
results."""

from ninja import Query, Router

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
from .schemas import (
    AgencyDetailOut,
    AgencyFindingIn,
    AgencyFindingOut,
    AgencyIn,
    AgencyOut,
    AgencyRegisterIn,
    AgencyReviewIn,
    ConsigneeRegisterIn,
    ConsigneeReviewIn,
    FindingDecideIn,
    FoodGradeIn,
    FoodLicenceIn,
    FoodLicenceOut,
    MakerIn,
    MakerOut,
    MonitoringIn,
    MonitoringOut,
    PackagingUseIn,
    PackagingUseOut,
    PerformanceIn,
    PerformanceOut,
    PortStatusIn,
    WasteConsigneeIn,
    WasteConsigneeOut,
)

router = Router(tags=["portlines"])


def _create(request, service, payload, action: str):
    # the role first: a wrong role is refused before the enterprise is looked up
    require(request.auth, action)
    data = payload.model_dump()
    enterprise = enterprise_named(user=request.auth, uscc=data.pop("enterprise"))
    return 201, service(enterprise=enterprise, actor=request.auth, **data)


@router.get("/licences", response=list[FoodLicenceOut])
@paginated
def licences(request, filters: Query[selectors.LicenceFilters]):
    """The filters of the licence page (and its export), by the same names."""
    require(request.auth, "portlines.view")
    return selectors.licence_list(user=request.auth, filters=filters)


@router.post("/licences", response={201: FoodLicenceOut})
def licence_issue(request, payload: FoodLicenceIn):
    return _create(request, services.licence_issue, payload, "portlines.edit")


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
def consignees(request, filters: Query[selectors.ConsigneeFilters]):
    """The filters of the consignee page (and its export), by the same names."""
    require(request.auth, "portlines.view")
    return selectors.consignee_list(user=request.auth, filters=filters)


@router.post("/consignees", response={201: WasteConsigneeOut})
def consignee_apply(request, payload: WasteConsigneeIn):
    return _create(request, services.consignee_apply, payload, "portlines.check")


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
def findings(request, filters: Query[selectors.FindingFilters]):
    """The filters of the findings page (and its export), by the same names."""
    require(request.auth, "portlines.view")
    return selectors.finding_list(user=request.auth, filters=filters)


@router.post("/findings", response={201: AgencyFindingOut})
def finding_open(request, payload: AgencyFindingIn):
    return _create(request, services.finding_open, payload, "portlines.check")


@router.post("/findings/{pk}/decide", response=AgencyFindingOut)
def finding_decide(request, pk: int, payload: FindingDecideIn):
    finding = selectors.record_get(AgencyFinding, user=request.auth, pk=pk)
    return apply(services.finding_decide, payload, finding=finding, actor=request.auth)


@router.get("/uses", response=list[PackagingUseOut])
@paginated
def uses(request, filters: Query[selectors.UseFilters]):
    """The filters of the use-result page (and its export), by the same names."""
    require(request.auth, "portlines.view")
    return selectors.use_list(user=request.auth, filters=filters)


@router.post("/uses", response={201: PackagingUseOut})
def use_record(request, payload: PackagingUseIn):
    return _create(request, services.use_record, payload, "portlines.check")


@router.post("/uses/{pk}/status", response=PackagingUseOut)
def use_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(PackagingUse, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)


# Inspection-agency registrations ---------------------------------------------------------------------------------


@router.get("/agencies", response=list[AgencyOut])
@paginated
def agencies(request, filters: Query[selectors.AgencyFilters]):
    """The filters of the agency page (and its export), by the same names."""
    require(request.auth, "portlines.view")
    return selectors.agency_list(user=request.auth, filters=filters)


@router.post("/agencies", response={201: AgencyOut})
def agency_apply(request, payload: AgencyIn):
    return _create(request, services.agency_apply, payload, "portlines.check")


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


@router.get("/monitoring", response=list[MonitoringOut])
@paginated
def monitoring(request, filters: Query[selectors.MonitoringFilters]):
    """The filters of the monitoring page (and its export), by the same names."""
    require(request.auth, "portlines.view")
    return selectors.monitoring_list(user=request.auth, filters=filters)


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


@router.get("/makers", response=list[MakerOut])
@paginated
def makers(request, filters: Query[selectors.MakerFilters]):
    """The filters of the packaging-maker page (and its export), by the same names."""
    require(request.auth, "portlines.view")
    return selectors.maker_list(user=request.auth, filters=filters)


@router.post("/makers", response={201: MakerOut})
def maker_register(request, payload: MakerIn):
    return _create(request, services.maker_register, payload, "portlines.edit")


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
def performance_tests(request, filters: Query[selectors.PerformanceFilters]):
    """The filters of the performance-test page (and its export), by the same names."""
    require(request.auth, "portlines.view")
    return selectors.performance_list(user=request.auth, filters=filters)


@router.post("/tests/{pk}/status", response=PerformanceOut)
def performance_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(PerformanceTest, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)
