"""Export certificates API, under /api/v1/exports/certificates: the user's certificates, one certificate, its
PDF and ePhyto, replacing and withdrawing."""

import datetime as dt

from django.http import HttpResponse
from ninja import Query, Router, Schema

from guomen.core.files import download_doc
from guomen.core.pagination import paginated
from guomen.core.permissions import require

from . import selectors, services

router = Router(tags=["export certificates"])


class ExportCertificateOut(Schema):
    number: str
    kind: str
    kind_label: str
    status: str
    declaration_number: str
    issued_at: dt.datetime
    issuing_unit: str
    has_ephyto: bool
    ephyto_missing: dict[str, str]
    replaces: str | None
    valid_number: str | None

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_declaration_number(obj):
        return obj.declaration.number

    @staticmethod
    def resolve_issuing_unit(obj):
        return obj.org.code

    @staticmethod
    def resolve_replaces(obj):
        return obj.replaces.number if obj.replaces_id else None

    @staticmethod
    def resolve_valid_number(obj):
        found = selectors.valid_successor(obj)
        return found.number if found else None


class CertificateReplaceIn(Schema):
    reason: str
    additional_declarations: list[str] | None = None


class CertificateWithdrawIn(Schema):
    reason: str


@router.get("/certificates", response=list[ExportCertificateOut])
@paginated
def certificates(request, filters: Query[selectors.CertificateFilters]):
    """The certificates the caller may see, newest first (an enterprise: its own; staff: their jurisdiction): the
    filters of the certificate page (and its export), by the same names."""
    require(request.auth, "export_certificate.view")
    return selectors.certificate_list(user=request.auth, filters=filters)


@router.get("/certificates/{number}", response=ExportCertificateOut)
def certificate(request, number: str):
    return selectors.certificate_get(user=request.auth, number=number)


@router.get(
    "/certificates/{number}/ephyto.xml", response={200: None}, openapi_extra=download_doc("application/xml")
)
def certificate_ephyto(request, number: str):
    """The ePhyto (UN/CEFACT SPSCertificate XML); 422 naming the missing data when none could be generated."""
    cert = selectors.certificate_get(user=request.auth, number=number)
    response = HttpResponse(services.certificate_ephyto_bytes(cert), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{cert.number}.xml"'
    return response


@router.get(
    "/certificates/{number}/certificate.pdf",
    response={200: None},
    openapi_extra=download_doc("application/pdf"),
)
def certificate_pdf(request, number: str):
    cert = selectors.certificate_get(user=request.auth, number=number)
    response = HttpResponse(services.certificate_pdf_bytes(cert), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    return response


@router.post("/certificates/{number}/replace", response={201: ExportCertificateOut})
def certificate_replace(request, number: str, payload: CertificateReplaceIn):
    cert = selectors.certificate_get(user=request.auth, number=number)
    new = services.certificate_replace(
        certificate=cert,
        actor=request.auth,
        reason=payload.reason,
        additional_declarations=payload.additional_declarations,
    )
    return 201, new


@router.post("/certificates/{number}/withdraw", response=ExportCertificateOut)
def certificate_withdraw(request, number: str, payload: CertificateWithdrawIn):
    cert = selectors.certificate_get(user=request.auth, number=number)
    return services.certificate_withdraw(certificate=cert, actor=request.auth, reason=payload.reason)
