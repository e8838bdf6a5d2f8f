"""API of the port lines of work: food hygiene licences, solid-waste consignees, inspection-agency findings,
dangerous-goods packaging use results."""

import datetime as dt

from ninja import Router, Schema

from guomen.core.actions import apply
from guomen.core.pagination import paginated
from guomen.core.permissions import require
from guomen.registry.selectors import enterprise_named

from . import selectors, services
from .models import AgencyFinding, FoodLicence, PackagingUse, WasteConsignee

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
    un_number: str
    goods: str
    inspected_on: dt.date
    result: str
    valid_until: dt.date | None = None


class PackagingUseOut(PortRecordOut):
    packaging: str
    un_number: str
    goods: str
    inspected_on: dt.date
    result: str
    valid_until: dt.date | None


def _create(request, service, payload, action: str):
    # the role first: a wrong role is refused before the enterprise is looked up
    require(request.auth, action)
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
def consignees(request, q: str = "", status: str = ""):
    require(request.auth, "portlines.view")
    return selectors.consignee_list(user=request.auth, q=q, status=status)


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
def findings(request, q: str = "", status: str = ""):
    require(request.auth, "portlines.view")
    return selectors.finding_list(user=request.auth, q=q, status=status)


@router.post("/findings", response={201: AgencyFindingOut})
def finding_open(request, payload: AgencyFindingIn):
    return _create(request, services.finding_open, payload, "portlines.check")


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
    return _create(request, services.use_record, payload, "portlines.check")


@router.post("/uses/{pk}/status", response=PackagingUseOut)
def use_status(request, pk: int, payload: PortStatusIn):
    record = selectors.record_get(PackagingUse, user=request.auth, pk=pk)
    return apply(services.status_set, payload, record=record, actor=request.auth)
