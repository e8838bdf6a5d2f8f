"""Export certificates: issued when an export declaration is released, replaced or withdrawn with a reason.

`certificates_issue_for_declaration` is what the clearance flow calls on release (every path: green channel,
confirmed release, re-routing to release, treatment done). It is idempotent: a declaration that has its
certificates gets no second set. Replacing or withdrawing a certificate is a supervisor's act, audited, and
never by the person who issued it (four eyes).
"""

import secrets
import string

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guomen.accounts.choices import Role
from guomen.core.errors import Conflict, NotFound, ValidationFailed
from guomen.core.files import unguessable_name
from guomen.core.four_eyes import require_other_person
from guomen.core.inputs import refuse_control_characters
from guomen.core.numbering import insert_numbered
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record
from guomen.core.workflow import transition
from guomen.declarations.choices import DeclarationStatus, Direction

from .choices import ALLOWED_TRANSITIONS, NUMBER_PREFIXES, CertificateKind, CertificateStatus
from .documents import certificate_pdf
from .ephyto_out import EphytoIncomplete, build_ephyto
from .kinds import kinds_for_lines
from .models import ExportCertificate
from .treatments import treatments_of_declaration

CODE_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
AMEND_FOUR_EYES = gettext_lazy(
    "Four eyes: a certificate is replaced or withdrawn by another supervisor than its issuer."
)
MAX_DECLARATIONS = 10


def _verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))


def _insert(cert: ExportCertificate) -> None:
    day = timezone.localdate(cert.issued_at).strftime("%Y%m%d")
    prefix = f"{NUMBER_PREFIXES[cert.kind]}{cert.org.code}{day}"

    def highest_taken() -> int:
        last = (
            ExportCertificate.objects.filter(
                number__startswith=prefix, number__regex=rf"^{prefix}[0-9]{{4}}$"
            )
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return int(last[len(prefix) :]) if last else 0

    insert_numbered(
        cert, key=f"certificates:{prefix}", number=lambda n: f"{prefix}{n:04d}", floor=highest_taken
    )


def _issuer(actor):
    return actor if getattr(actor, "pk", None) and getattr(actor, "role", "") != Role.ENTERPRISE else None


def _write_documents(cert: ExportCertificate, declaration, lines) -> None:
    """The ePhyto (plant products; or the data it lacks) and the PDF, stored under unguessable names; both state
    the treatments the goods went through (phytosanitary certificates)."""
    treatments = []
    if cert.kind == CertificateKind.PHYTOSANITARY:
        treatments = treatments_of_declaration(declaration)
        try:
            xml = build_ephyto(certificate=cert, declaration=declaration, lines=lines, treatments=treatments)
        except EphytoIncomplete as exc:
            cert.ephyto_missing = {name: messages[0] for name, messages in exc.fields.items()}
        else:
            cert.ephyto.save(unguessable_name(f"{cert.number}.xml"), ContentFile(xml), save=False)
    pdf = certificate_pdf(certificate=cert, declaration=declaration, lines=lines, treatments=treatments)
    cert.pdf.save(unguessable_name(f"{cert.number}.pdf"), ContentFile(pdf), save=False)
    cert.save(update_fields=["pdf", "ephyto", "ephyto_missing", "updated_at"])


def _issue(
    *, declaration, kind, lines, actor, replaces=None, reason="", additional_declarations=(), issued_at=None
):
    cert = ExportCertificate(
        kind=kind,
        declaration=declaration,
        lines=[line.line_no for line in lines],
        org=declaration.port,
        issued_at=issued_at or timezone.now(),
        issued_by=_issuer(actor),
        replaces=replaces,
        reason=reason,
        additional_declarations=list(additional_declarations),
        verification_code=_verification_code(),
    )
    _insert(cert)
    _write_documents(cert, declaration, lines)
    audit_record(
        actor=actor,
        verb="export_certificate.issue",
        obj=cert,
        org_path=declaration.port.path,
        after={
            "number": cert.number,
            "kind": kind,
            "declaration": declaration.number,
            "replaces": replaces.number if replaces else None,
            "ephyto": cert.has_ephyto,
            "ephyto_missing": cert.ephyto_missing,
        },
        reason=reason,
    )
    return cert


def _declaration_lines(declaration, numbers=None) -> list:
    qs = declaration.lines.select_related("hs").order_by("line_no")
    return list(qs.filter(line_no__in=numbers) if numbers is not None else qs)


@transaction.atomic
def certificates_issue_for_declaration(*, declaration, actor, issued_at=None) -> list[ExportCertificate]:
    """The certificates of a released export declaration, one per kind its goods need (see kinds.py).

    Called by the clearance flow on release; the actor is whoever released it (None: the system). Nothing is
    issued for an import, a declaration not released, or one that already has its certificates. `issued_at`
    back-dates certificates of declarations released before certificates existed (the demo's history).
    """
    if declaration.direction != Direction.EXPORT or declaration.status != DeclarationStatus.RELEASED:
        return []
    if ExportCertificate.objects.filter(declaration=declaration).exists():
        return []
    declaration = (
        type(declaration)
        .objects.select_related("port", "declarant", "consignee", "origin_country", "destination_country")
        .get(pk=declaration.pk)
    )
    groups = kinds_for_lines(_declaration_lines(declaration))
    return [
        _issue(declaration=declaration, kind=kind, lines=lines, actor=actor, issued_at=issued_at)
        for kind in (CertificateKind.PHYTOSANITARY, CertificateKind.HEALTH, CertificateKind.EXIT)
        if (lines := groups.get(kind))
    ]


def _amendable(certificate: ExportCertificate, actor, reason: str) -> tuple[ExportCertificate, str]:
    require(actor, "export_certificate.amend")
    if not org_in_scope(actor, certificate.org):
        raise NotFound()
    reason = (reason or "").strip()
    refuse_control_characters({"reason": reason})
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Give the reason.")]})
    if len(reason) > 500:
        raise ValidationFailed(fields={"reason": [_("At most 500 characters.")]})
    require_other_person(actor, certificate.issued_by_id, message=AMEND_FOUR_EYES)
    locked = (
        ExportCertificate.objects.select_for_update(of=("self",)).select_related("org").get(pk=certificate.pk)
    )
    if locked.status != CertificateStatus.VALID:
        raise Conflict(
            _("Certificate %(number)s is no longer valid (%(status)s).")
            % {"number": locked.number, "status": locked.get_status_display()},
            fields={"status": [locked.get_status_display()]},
        )
    return locked, reason


@transaction.atomic
def certificate_replace(
    *, certificate: ExportCertificate, actor, reason: str, additional_declarations: list[str] | None = None
) -> ExportCertificate:
    """A new certificate for the same goods; the old number is marked replaced and points to the new one."""
    old, reason = _amendable(certificate, actor, reason)
    extra = old.additional_declarations if additional_declarations is None else additional_declarations
    extra = [a.strip() for a in extra if a and a.strip()]
    refuse_control_characters({"additional_declarations": extra})
    if any(len(a) > 500 for a in extra):
        raise ValidationFailed(fields={"additional_declarations": [_("At most 500 characters.")]})
    transition(
        old,
        to=CertificateStatus.REPLACED,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="export_certificate.replace",
        reason=reason,
        org_path=old.org.path,
    )
    declaration = (
        type(old.declaration)
        .objects.select_related("port", "declarant", "consignee", "origin_country", "destination_country")
        .get(pk=old.declaration_id)
    )
    return _issue(
        declaration=declaration,
        kind=old.kind,
        lines=_declaration_lines(declaration, old.lines),
        actor=actor,
        replaces=old,
        reason=reason,
        additional_declarations=extra,
    )


@transaction.atomic
def certificate_withdraw(*, certificate: ExportCertificate, actor, reason: str) -> ExportCertificate:
    """The certificate no longer certifies anything; the public page says so."""
    cert, reason = _amendable(certificate, actor, reason)
    transition(
        cert,
        to=CertificateStatus.WITHDRAWN,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="export_certificate.withdraw",
        reason=reason,
        org_path=cert.org.path,
        extra_fields={"reason": reason},
    )
    cert.refresh_from_db()
    return cert


def certificate_ephyto_bytes(certificate: ExportCertificate) -> bytes:
    """The stored ePhyto XML; refused naming the missing data when none could be generated."""
    if certificate.kind != CertificateKind.PHYTOSANITARY:
        raise NotFound(_("Only a phytosanitary certificate has an ePhyto."))
    if not certificate.ephyto:
        raise EphytoIncomplete(dict(certificate.ephyto_missing))
    with certificate.ephyto.open("rb") as fh:
        return fh.read()


def certificate_pdf_bytes(certificate: ExportCertificate) -> bytes:
    with certificate.pdf.open("rb") as fh:
        return fh.read()
