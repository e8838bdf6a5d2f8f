"""Certificate reads: scoped lists for people, a number lookup for other services, and the public check."""

import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from ninja import Field

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict

from .choices import CertificateKind, CertificateStatus
from .models import ExportCertificate


class CertificateFilters(FilterSet):
    """The export certificate list's filters: the page (certificates:list), its export and
    GET /api/v1/exports/certificates."""

    q: str = Field("", max_length=40, description="Certificate or declaration number (part of it)")
    status: one_of(CertificateStatus, "Whether the certificate is valid, replaced or withdrawn") = ""
    kind: one_of(CertificateKind, "Kind of certificate") = ""


def certificate_list(*, user, filters: CertificateFilters | None = None, **given) -> QuerySet:
    """The certificates `user` may see (their unit and below; an enterprise its own), newest first; `filters` (or
    its fields as keywords) narrow the list."""
    f = filters or CertificateFilters(**given)
    qs = restrict(ExportCertificate.objects.all(), user, "export_certificate.view").select_related(
        "declaration", "org", "replaces"
    )
    if f.q:
        qs = qs.filter(Q(number__icontains=f.q) | Q(declaration__number__icontains=f.q))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    return qs.order_by("-issued_at", "-id")


def certificate_get(*, user, number: str) -> ExportCertificate:
    found = certificate_list(user=user).filter(number=(number or "").strip()[:30]).first()
    if found is None:
        raise NotFound()
    return found


def certificates_of_declaration(*, user, declaration) -> list[ExportCertificate]:
    return list(certificate_list(user=user).filter(declaration=declaration).order_by("id"))


def certificates_by_number(numbers: Iterable[str]) -> dict[str, ExportCertificate]:
    """{number: certificate} for the numbers that exist, unscoped: for services that match records by certificate
    number (a foreign notification naming our certificate). The caller scopes what it shows."""
    wanted = {(n or "").strip().upper() for n in numbers if n and n.strip()}
    qs = ExportCertificate.objects.filter(number__in=wanted).select_related(
        "declaration", "declaration__declarant", "org"
    )
    return {c.number: c for c in qs}


def certificate_declarations(numbers: Iterable[str]) -> dict[str, int]:
    """{certificate number: export declaration id} for the numbers that exist (trace-back matching)."""
    wanted = {(n or "").strip().upper() for n in numbers if n and n.strip()}
    return dict(ExportCertificate.objects.filter(number__in=wanted).values_list("number", "declaration_id"))


def valid_successor(cert: ExportCertificate) -> ExportCertificate | None:
    """The certificate that now stands in for `cert` (following replacements), if any is valid."""
    seen = 0
    while cert is not None and cert.status == CertificateStatus.REPLACED and seen < 50:
        cert = ExportCertificate.objects.filter(replaces=cert).first()
        seen += 1
    return cert if cert is not None and cert.status == CertificateStatus.VALID else None


@dataclass(frozen=True)
class PublicCheck:
    """All the public learns: the certificate's kind, status, date and unit, and which number is valid now."""

    number: str
    kind_label: str
    status: str
    status_label: str
    issued_on: object
    issuer: str
    valid_number: str


def certificate_verify(*, number: str, code: str) -> PublicCheck:
    """The public check by certificate number and the verification code printed on it; a wrong pair is not found."""
    number = (number or "").strip().upper()[:30]
    code = (code or "").strip().upper()[:12]
    cert = (
        ExportCertificate.objects.select_related("org").filter(number=number).first()
        if number and code
        else None
    )
    if cert is None or not hmac.compare_digest(cert.verification_code.upper().encode(), code.encode()):
        raise NotFound()
    successor = valid_successor(cert)
    return PublicCheck(
        cert.number,
        str(cert.get_kind_display()),
        cert.status,
        str(cert.get_status_display()),
        timezone.localdate(cert.issued_at),
        cert.org.name,
        successor.number if successor else "",
    )
