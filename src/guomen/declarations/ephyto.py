"""ePhyto intake: read a certificate, store it, link it to its declaration; reads of stored certificates.

One service (`ephyto_import`) behind the upload page, the API and `guomen import-ephyto`.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.accounts.models import OrgUnit
from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.permissions import require, restrict
from guomen.core.services import audit_record

from .choices import DocumentType
from .ephyto_match import certificate_mismatches
from .ephyto_parse import ERROR, EphytoRefused, read_certificate
from .models import Declaration, PhytoCertificate

SOURCES = ("upload", "api", "command")


class EphytoRejected(ValidationFailed):
    """The certificate cannot be accepted; `problems` lists every error and warning found."""

    code = "ephyto_rejected"

    def __init__(self, problems: list[dict]):
        self.problems = problems
        errors = [p["message"] for p in problems if p["level"] == ERROR]
        warnings = [p["message"] for p in problems if p["level"] != ERROR]
        fields = {"file": errors}
        if warnings:
            fields["warnings"] = warnings
        super().__init__(_("The ePhyto certificate was not accepted."), fields=fields)


@dataclass
class EphytoReport:
    certificate: PhytoCertificate
    created: bool
    warnings: list[dict] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)


def _declaration_for(actor, number: str) -> Declaration:
    qs = Declaration.objects.select_related("port", "origin_country")
    if actor is not None:
        qs = restrict(qs, actor, "declaration.view")
    found = qs.filter(number=number.strip()).first()
    if found is None:
        raise ValidationFailed(
            fields={"declaration": _("No declaration %(number)s in your reach.") % {"number": number.strip()}}
        )
    return found


def _auto_match(actor, number: str) -> Declaration | None:
    """The one declaration whose phytosanitary certificate carries this number, if exactly one does."""
    qs = Declaration.objects.select_related("port", "origin_country").filter(
        documents__type=DocumentType.PHYTOSANITARY_CERTIFICATE, documents__number__iexact=number.strip()
    )
    if actor is not None:
        qs = restrict(qs, actor, "declaration.view")
    found = list(qs.distinct()[:2])
    return found[0] if len(found) == 1 else None


def _org_for(actor, declaration):
    if declaration is not None:
        return declaration.port
    if actor is not None and actor.org_id:
        return actor.org
    return OrgUnit.objects.filter(parent__isnull=True).order_by("id").first()


def _link(cert: PhytoCertificate, declaration: Declaration, actor) -> None:
    cert.declaration = declaration
    cert.org = declaration.port
    cert.save(update_fields=["declaration", "org", "updated_at"])
    mismatches = certificate_mismatches(cert, declaration)
    audit_record(
        actor=actor,
        verb="ephyto.link",
        obj=declaration,
        org_path=declaration.port.path,
        after={"certificate": cert.number, "mismatches": mismatches},
    )


@transaction.atomic
def ephyto_import(
    *, data: bytes, actor, declaration_number: str = "", source: str = "upload"
) -> EphytoReport:
    """Accept an ePhyto XML certificate. `actor` None is the system (the management command).

    Errors (unreadable, hostile, or a certificate without number, consignor, exporting country or
    items) refuse it with every problem listed; warnings (schema deviations) are kept with it.
    The same file twice gives back the stored certificate.
    """
    if actor is not None:
        require(actor, "ephyto.import")
    if source not in SOURCES:
        raise ValidationFailed(fields={"source": _("Unknown source.")})
    try:
        parsed = read_certificate(data)
    except EphytoRefused as exc:
        raise EphytoRejected([exc.problem.as_dict()]) from exc
    problems = [p.as_dict() for p in parsed.problems]
    if parsed.errors:
        raise EphytoRejected(problems)
    declaration = _declaration_for(actor, declaration_number) if declaration_number.strip() else None
    digest = hashlib.sha256(data).hexdigest()
    existing = PhytoCertificate.objects.select_related("declaration").filter(sha256=digest).first()
    if existing is not None:
        if declaration is not None and existing.declaration_id != declaration.pk:
            _link(existing, declaration, actor)
        mismatches = certificate_mismatches(existing, existing.declaration) if existing.declaration else []
        return EphytoReport(existing, False, existing.warnings, mismatches)
    declaration = declaration or _auto_match(actor, parsed.number)
    org = _org_for(actor, declaration)
    cert = PhytoCertificate(
        number=parsed.number[:60],
        type_code=parsed.type_code[:10],
        status_code=parsed.status_code[:10],
        issued=parsed.issued[:40],
        issuer=parsed.issuer[:200],
        consignor_name=parsed.consignor_name[:200],
        consignee_name=parsed.consignee_name[:200],
        consignee_address=parsed.consignee_address[:500],
        consignee_country=parsed.consignee_country[:2],
        export_country=parsed.export_country[:2],
        import_country=parsed.import_country[:2],
        transport=parsed.transport[:255],
        items=parsed.items,
        treatments=parsed.treatments,
        additional_declarations=parsed.additional_declarations,
        problems=problems,
        envelope=parsed.envelope,
        org=org,
        enterprise_id=actor.enterprise_id if actor is not None and actor.role == Role.ENTERPRISE else None,
        source=source,
        sha256=digest,
        xml=data.decode("utf-8", errors="replace"),
        imported_by=actor if getattr(actor, "pk", None) else None,
    )
    cert.save(force_insert=True)
    audit_record(
        actor=actor,
        verb="ephyto.import",
        obj=cert,
        org_path=org.path if org else "",
        after={"number": cert.number, "source": source, "warnings": len(cert.warnings)},
    )
    mismatches = []
    if declaration is not None:
        _link(cert, declaration, actor)
        mismatches = certificate_mismatches(cert, declaration)
    return EphytoReport(cert, True, cert.warnings, mismatches)


def certificate_list(*, user):
    return restrict(PhytoCertificate.objects.all(), user, "declaration.view").select_related("declaration")


def certificate_get(*, user, pk) -> PhytoCertificate:
    cert = certificate_list(user=user).filter(pk=pk).first()
    if cert is None:
        raise NotFound()
    return cert


def certificates_for(declaration) -> list[PhytoCertificate]:
    return list(declaration.phyto_certificates.order_by("id"))


def ephyto_event_label(event) -> tuple[str, str] | None:
    """Timeline wording of the ePhyto events ("收到电子植物检疫证书 …")."""
    after = event.after if isinstance(event.after, dict) else {}
    if event.verb == "ephyto.import":
        return _("ePhyto certificate received"), str(after.get("number", ""))
    if event.verb == "ephyto.link":
        mismatches = after.get("mismatches") or []
        detail = (
            _("%(n)d mismatch(es)") % {"n": len(mismatches)} if mismatches else _("matches the declaration")
        )
        return _("ePhyto certificate %(number)s attached") % {"number": after.get("certificate", "")}, detail
    return None
