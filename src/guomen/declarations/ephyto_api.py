"""POST /api/v1/declarations/ephyto — receive an ePhyto certificate (XML body or multipart `file`)."""

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from ninja import Schema, Status

from .ephyto import EphytoRejected, ephyto_import
from .ephyto_parse import ERROR, MAX_BYTES


class ProblemOut(Schema):
    level: str
    message: str
    line: int | None = None


class EphytoOut(Schema):
    id: int
    number: str
    created: bool
    declaration: str | None
    export_country: str
    import_country: str
    consignor: str
    warnings: list[ProblemOut]
    mismatches: list[str]


def _payload(request) -> bytes:
    try:
        upload = request.FILES.get("file")
        if upload is not None:
            return upload.read(MAX_BYTES + 1)
        if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            missing = _("Send the certificate as the form field “file”, or as the XML body.")
            raise EphytoRejected([{"level": ERROR, "message": missing, "line": None}])
        return request.body
    except RequestDataTooBig as exc:
        too_big = _("The file is larger than %(mb)d MB; a certificate is much smaller.") % {
            "mb": MAX_BYTES // 2**20
        }
        raise EphytoRejected([{"level": ERROR, "message": too_big, "line": None}]) from exc


def ephyto_receive(request, declaration: str = ""):
    """Send the XML as the body (Content-Type: application/xml) or as a multipart `file`.

    `declaration` links it to that declaration; without it the certificate is linked to the one
    declaration whose phytosanitary certificate carries the same number. 201 when stored, 200 when the
    same file was received before; 422 with every problem when it cannot be accepted.
    """
    report = ephyto_import(
        data=_payload(request), actor=request.auth, declaration_number=declaration, source="api"
    )
    cert = report.certificate
    body = {
        "id": cert.pk,
        "number": cert.number,
        "created": report.created,
        "declaration": cert.declaration.number if cert.declaration_id else None,
        "export_country": cert.export_country,
        "import_country": cert.import_country,
        "consignor": cert.consignor_name,
        "warnings": report.warnings,
        "mismatches": report.mismatches,
    }
    return Status(201 if report.created else 200, body)


def add_ephyto_route(router) -> None:
    """POST /ephyto on the declarations router (added before its "/{number}" routes)."""
    router.post(
        "/ephyto",
        response={200: EphytoOut, 201: EphytoOut},
        summary="Receive an ePhyto certificate (UN/CEFACT SPSCertificate XML)",
        openapi_extra={
            "requestBody": {
                "content": {
                    "application/xml": {"schema": {"type": "string"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {"file": {"type": "string", "format": "binary"}},
                        }
                    },
                }
            }
        },
    )(ephyto_receive)
