"""Certification API: certificates, annual checks, mark-misuse cases."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from guomen.core.actions import apply
from guomen.core.errors import ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require
from guomen.registry.selectors import enterprise_named

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


@router.get("/certificates", response=list[CertificateOut])
@paginated
def certificates(request, filters: Query[selectors.CertificationFilters]):
    """The filters of the certificate page (and its export), by the same names."""
    require(request.auth, "certification.view")
    return selectors.certificate_list(user=request.auth, filters=filters).select_related("body")


@router.post("/certificates", response={201: CertificateOut})
def certificate_register(request, payload: CertificateIn):
    require(request.auth, "certification.edit")  # the role before the enterprise is looked up
    data = payload.model_dump()
    enterprise = enterprise_named(user=request.auth, uscc=data.pop("enterprise"))
    body_code = data.pop("body")
    body = enterprise_named(user=request.auth, uscc=body_code, field="body") if body_code else None
    return 201, services.certificate_register(enterprise=enterprise, body=body, actor=request.auth, **data)


@router.get("/certificates/{pk}", response=CertificateOut)
def certificate_detail(request, pk: int):
    return selectors.certificate_get(user=request.auth, pk=pk)


@router.post("/certificates/{pk}/status", response=CertificateOut)
def certificate_status(request, pk: int, payload: CertificationStatusIn):
    certificate = selectors.certificate_get(user=request.auth, pk=pk)
    return apply(services.certificate_set_status, payload, certificate=certificate, actor=request.auth)


@router.get("/checks", response=list[CheckOut])
@paginated
def checks(request, filters: Query[selectors.CheckFilters]):
    require(request.auth, "certification.view")
    return selectors.check_list(user=request.auth, filters=filters)


@router.post("/certificates/{pk}/checks", response={201: CheckOut})
def check_plan(request, pk: int, payload: CertificationPlanIn):
    certificate = selectors.certificate_get(user=request.auth, pk=pk)
    return 201, services.check_plan(
        certificate=certificate, planned_on=payload.planned_on, actor=request.auth
    )


@router.post("/checks/{pk}/record", response=CheckOut)
def check_record(request, pk: int, payload: RecordIn):
    check = selectors.check_get(user=request.auth, pk=pk)
    return apply(services.check_record, payload, check=check, actor=request.auth)


@router.post("/checks/{pk}/close", response=CheckOut)
def check_close(request, pk: int, payload: CertificationCloseIn):
    check = selectors.check_get(user=request.auth, pk=pk)
    return apply(services.check_close, payload, check=check, actor=request.auth)


@router.get("/misuse", response=list[MisuseOut])
@paginated
def misuse(request, filters: Query[selectors.MisuseFilters]):
    require(request.auth, "certification.view")
    return selectors.misuse_list(user=request.auth, filters=filters)


@router.post("/misuse", response={201: MisuseOut})
def misuse_open(request, payload: MisuseIn):
    require(request.auth, "certification.check")  # the role before the enterprise is looked up
    enterprise = enterprise_named(user=request.auth, uscc=payload.enterprise)
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
    return apply(services.misuse_decide, payload, case=case, actor=request.auth)


class CatalogueIn(Schema):
    hs_prefix: str
    name_zh: str
    announcement: str = ""
    in_force_from: dt.date | None = None


class CatalogueEditIn(CatalogueIn):
    version: int | None = None


class CatalogueRetireIn(Schema):
    reason: str
    retired_on: dt.date | None = None
    version: int | None = None


class CatalogueOut(Schema):
    id: int
    hs_prefix: str
    name_zh: str
    announcement: str
    in_force_from: dt.date | None
    retired_on: dt.date | None
    retired_reason: str
    version: int


@router.get("/catalogue", response=list[CatalogueOut])
@paginated
def catalogue(request, filters: Query[selectors.CatalogueFilters]):
    """The CCC catalogue, with the filters of its page (and its export) by the same names: the entries in force
    (applied by the release rule today) unless `state` asks for the retired ones or all."""
    require(request.auth, "certification.view")
    return selectors.catalogue_list(user=request.auth, filters=filters)


@router.post("/catalogue", response={201: CatalogueOut})
def catalogue_add(request, payload: CatalogueIn):
    """Add goods to the CCC catalogue (an administrator or a supervisor of the general bureau)."""
    return 201, services.catalogue_add(actor=request.auth, **payload.model_dump())


@router.get("/catalogue/{pk}", response=CatalogueOut)
def catalogue_entry(request, pk: int):
    return selectors.catalogue_get(user=request.auth, pk=pk)


@router.post("/catalogue/{pk}", response=CatalogueOut)
def catalogue_edit(request, pk: int, payload: CatalogueEditIn):
    entry = selectors.catalogue_get(user=request.auth, pk=pk)
    return apply(services.catalogue_edit, payload, entry=entry, actor=request.auth)


@router.post("/catalogue/{pk}/retire", response=CatalogueOut)
def catalogue_retire(request, pk: int, payload: CatalogueRetireIn):
    entry = selectors.catalogue_get(user=request.auth, pk=pk)
    return apply(services.catalogue_retire, payload, entry=entry, actor=request.auth)
