"""Certification API: certificates, annual checks, mark-misuse cases."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from guomen.core.errors import ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require, restrict
from guomen.registry.models import Enterprise

from . import selectors, services

router = Router(tags=["certification"])


class CertificateIn(Schema):
    enterprise: str  # unified social credit code of the holder
    scheme: str
    number: str
    products: str
    valid_from: dt.date
    valid_until: dt.date
    body: str = ""  # USCC of a certification body on file
    body_name: str = ""
    hs_code: str = ""


class CertificateOut(Schema):
    id: int
    number: str
    scheme: str
    status: str
    enterprise: str
    body: str
    products: str
    hs_code: str
    valid_from: dt.date
    valid_until: dt.date
    version: int

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_body(obj):
        return obj.body_display


class CertificationStatusIn(Schema):
    to: str
    reason: str
    version: int | None = None


class CertificationPlanIn(Schema):
    planned_on: dt.date


class CheckOut(Schema):
    id: int
    certificate: str
    status: str
    planned_on: dt.date
    checked_on: dt.date | None
    results: dict
    findings: str
    rectification_due: dt.date | None
    rectified_on: dt.date | None
    version: int

    @staticmethod
    def resolve_certificate(obj):
        return obj.certificate.number


class RecordIn(Schema):
    results: dict[str, str]
    findings: str = ""
    rectification_due: dt.date | None = None
    checked_on: dt.date | None = None
    version: int | None = None


class CertificationCloseIn(Schema):
    rectified_on: dt.date
    reason: str
    version: int | None = None


class MisuseIn(Schema):
    enterprise: str
    found_on: dt.date
    description: str
    certificate: str = ""


class MisuseOut(Schema):
    id: int
    enterprise: str
    status: str
    found_on: dt.date
    description: str
    penalty: str
    version: int

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc


class DecideIn(Schema):
    to: str
    reason: str
    penalty: str = ""
    severity: str = "general"
    version: int | None = None


def _enterprise(user, uscc: str, field: str) -> Enterprise:
    found = restrict(Enterprise.objects.filter(uscc=uscc), user, "enterprise.view").first() if uscc else None
    if found is None:
        raise ValidationFailed(fields={field: [_("No such enterprise that you may see.")]})
    return found


@router.get("/certificates", response=list[CertificateOut])
@paginated
def certificates(request, q: str = "", scheme: str = "", status: str = ""):
    require(request.auth, "certification.view")
    return selectors.certificate_list(user=request.auth, q=q, scheme=scheme, status=status)


@router.post("/certificates", response={201: CertificateOut})
def certificate_register(request, payload: CertificateIn):
    data = payload.model_dump()
    enterprise = _enterprise(request.auth, data.pop("enterprise"), "enterprise")
    body_code = data.pop("body")
    body = _enterprise(request.auth, body_code, "body") if body_code else None
    return 201, services.certificate_register(enterprise=enterprise, body=body, actor=request.auth, **data)


@router.get("/certificates/{pk}", response=CertificateOut)
def certificate_detail(request, pk: int):
    return selectors.certificate_get(user=request.auth, pk=pk)


@router.post("/certificates/{pk}/status", response=CertificateOut)
def certificate_status(request, pk: int, payload: CertificationStatusIn):
    certificate = selectors.certificate_get(user=request.auth, pk=pk)
    return services.certificate_set_status(
        certificate=certificate,
        to=payload.to,
        reason=payload.reason,
        actor=request.auth,
        expected_version=payload.version,
    )


@router.get("/checks", response=list[CheckOut])
@paginated
def checks(request, status: str = ""):
    require(request.auth, "certification.view")
    return selectors.check_list(user=request.auth, status=status)


@router.post("/certificates/{pk}/checks", response={201: CheckOut})
def check_plan(request, pk: int, payload: CertificationPlanIn):
    certificate = selectors.certificate_get(user=request.auth, pk=pk)
    return 201, services.check_plan(
        certificate=certificate, planned_on=payload.planned_on, actor=request.auth
    )


@router.post("/checks/{pk}/record", response=CheckOut)
def check_record(request, pk: int, payload: RecordIn):
    check = selectors.check_get(user=request.auth, pk=pk)
    data = payload.model_dump()
    return services.check_record(
        check=check, expected_version=data.pop("version"), actor=request.auth, **data
    )


@router.post("/checks/{pk}/close", response=CheckOut)
def check_close(request, pk: int, payload: CertificationCloseIn):
    check = selectors.check_get(user=request.auth, pk=pk)
    return services.check_close(
        check=check,
        rectified_on=payload.rectified_on,
        reason=payload.reason,
        actor=request.auth,
        expected_version=payload.version,
    )


@router.get("/misuse", response=list[MisuseOut])
@paginated
def misuse(request, status: str = ""):
    require(request.auth, "certification.view")
    return selectors.misuse_list(user=request.auth, status=status)


@router.post("/misuse", response={201: MisuseOut})
def misuse_open(request, payload: MisuseIn):
    enterprise = _enterprise(request.auth, payload.enterprise, "enterprise")
    certificate = None
    if payload.certificate:
        certificate = selectors.certificate_list(user=request.auth).filter(number=payload.certificate).first()
        if certificate is None:
            raise ValidationFailed(fields={"certificate": [_("No such certificate that you may see.")]})
    return 201, services.misuse_open(
        enterprise=enterprise,
        found_on=payload.found_on,
        description=payload.description,
        certificate=certificate,
        actor=request.auth,
    )


@router.post("/misuse/{pk}/decide", response=MisuseOut)
def misuse_decide(request, pk: int, payload: DecideIn):
    case = selectors.misuse_get(user=request.auth, pk=pk)
    data = payload.model_dump()
    return services.misuse_decide(case=case, expected_version=data.pop("version"), actor=request.auth, **data)
