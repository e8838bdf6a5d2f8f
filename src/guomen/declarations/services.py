"""Declaration writes: recording a declaration, the state machine, the channel, cancellation.

A leaf: it never calls another app's services. The clearance flow (guomen.clearance) submits a declaration
(record it here, let targeting decide, open the inspection) and drives every later step.
"""

import secrets
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.numbering import insert_numbered
from guomen.core.permissions import org_in_scope, require
from guomen.core.rows import insert
from guomen.core.services import audit_record, model_snapshot
from guomen.core.transactions import atomic_step
from guomen.core.workflow import transition

from .choices import ALLOWED_TRANSITIONS, DeclarationStatus
from .intake import submission_clean
from .models import Declaration, DeclarationDocument, DeclarationLine

VERIFICATION_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper
SNAPSHOT_FIELDS = [
    "number",
    "direction",
    "status",
    "port",
    "declarant",
    "consignee",
    "consignor_name",
    "origin_country",
    "destination_country",
    "foreign_consignee_name",
    "foreign_consignee_address",
    "foreign_consignee_country",
    "transport",
    "transport_id",
    "arrival_date",
    "total_value",
    "total_weight_kg",
]


@atomic_step  # a step of the caller's transaction, without a savepoint
def declaration_transition(
    *,
    declaration: Declaration,
    to: str,
    actor,
    reason: str = "",
    expected_version: int | None = None,
    extra_fields: dict | None = None,
) -> Declaration:
    """The only way a declaration changes status (checked against ALLOWED_TRANSITIONS, audited)."""
    return transition(
        declaration,
        to=to,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb=f"declaration.{to}",
        reason=reason,
        expected_version=expected_version,
        org_path=declaration.port.path,
        extra_fields=extra_fields,
    )


def verification_code_new() -> str:
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _i in range(6))


def _insert_with_number(declaration: Declaration) -> None:
    """Give the declaration the next number of its port and day (port code + yyyymmdd + 6 digits).

    The port-day counter is advanced in its own statement (core.numbering): concurrent submissions get distinct
    numbers without waiting on each other and are never refused; a rolled-back submission leaves a gap.
    """
    prefix = f"{declaration.port.code}{timezone.localtime(declaration.submitted_at):%Y%m%d}"

    def highest_taken() -> int:
        last = (
            Declaration.objects.filter(number__startswith=prefix, number__regex=rf"^{prefix}[0-9]{{6}}$")
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return int(last[len(prefix) :]) if last else 0

    insert_numbered(
        declaration, key=f"declarations:{prefix}", number=lambda n: f"{prefix}{n:06d}", floor=highest_taken
    )


@atomic_step  # a step of the caller's transaction, without a savepoint
def declaration_create(
    *,
    actor,
    direction,
    port_code,
    declarant_uscc,
    consignee_uscc=None,
    consignor_name="",
    origin_country,
    transport,
    arrival_date,
    lines: list[dict],
    documents: list[dict] = (),
    transport_id="",
    destination_country=None,
    submitted_at=None,
    foreign_consignee_name="",
    foreign_consignee_address="",
    foreign_consignee_country="",
    phyto_needed=None,
) -> Declaration:
    """Check everything and record the declaration (status submitted); the clearance flow decides next.

    The declaration comes back with `recorded_lines` (its lines as written, each with `recorded_bases`), so the
    decision in the same transaction need not read them again.

    `actor` None is the trusted command line (imports, demo data). `submitted_at` lets historical records be
    entered with their own date; the arrival date must be plausible relative to it. `phyto_needed(hs_codes)`
    (the clearance flow's) tells goods that get a phytosanitary certificate, whose consignee abroad is required.
    """
    if actor is not None:
        require(actor, "declaration.create")
    submitted_at = submitted_at or timezone.now()
    clean = submission_clean(
        actor=actor,
        today=timezone.localtime(submitted_at).date(),
        data={
            "direction": direction,
            "port_code": port_code,
            "declarant_uscc": declarant_uscc,
            "consignee_uscc": consignee_uscc,
            "consignor_name": consignor_name,
            "origin_country": origin_country,
            "destination_country": destination_country,
            "transport": transport,
            "transport_id": transport_id,
            "arrival_date": arrival_date,
            "lines": lines,
            "documents": documents,
            "foreign_consignee_name": foreign_consignee_name,
            "foreign_consignee_address": foreign_consignee_address,
            "foreign_consignee_country": foreign_consignee_country,
        },
        phyto_needed=phyto_needed,
    )
    declaration = Declaration(
        direction=clean.direction,
        port=clean.port,
        declarant=clean.declarant,
        consignee=clean.consignee,
        consignor_name=clean.consignor_name,
        origin_country=clean.origin_country,
        destination_country=clean.destination_country,
        foreign_consignee_name=clean.foreign_consignee_name,
        foreign_consignee_address=clean.foreign_consignee_address,
        foreign_consignee_country=clean.foreign_consignee_country,
        transport=clean.transport,
        transport_id=clean.transport_id,
        arrival_date=clean.arrival_date,
        submitted_at=submitted_at,
        verification_code=verification_code_new(),
        total_value=sum((line.value for line in clean.lines), Decimal(0)),
        total_weight_kg=sum((line.net_weight_kg for line in clean.lines), Decimal(0)),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _insert_with_number(declaration)
    rows = insert(
        DeclarationLine(
            declaration=declaration,
            line_no=i,
            hs=line.hs,
            description=line.description,
            quantity=line.quantity,
            unit=line.unit,
            net_weight_kg=line.net_weight_kg,
            value=line.value,
            currency=line.currency,
        )
        for i, line in enumerate(clean.lines, start=1)
    )
    through = DeclarationLine.production_bases.through
    links = [
        through(declarationline_id=row.pk, productionbase_id=base.pk)
        for row, line in zip(rows, clean.lines, strict=True)
        for base in line.production_bases
    ]
    if links and all(row.pk for row in rows):
        insert(links)
    elif links:  # databases that do not return ids from bulk inserts
        for row in DeclarationLine.objects.filter(declaration=declaration).order_by("line_no"):
            row.production_bases.set(clean.lines[row.line_no - 1].production_bases)
    for row, line in zip(rows, clean.lines, strict=True):
        row.recorded_bases = line.production_bases
    declaration.recorded_lines = rows  # what was written, for the decision taken in the same transaction
    insert(
        DeclarationDocument(declaration=declaration, type=d.type, number=d.number, issued_on=d.issued_on)
        for d in clean.documents
    )
    audit_record(
        actor=actor,
        verb="declaration.submitted",
        obj=declaration,
        org_path=declaration.port.path,
        after={
            **model_snapshot(declaration, SNAPSHOT_FIELDS),
            "lines": len(clean.lines),
            "documents": len(clean.documents),
        },
    )
    return declaration


def may_cancel(user, declaration: Declaration) -> bool:
    """Enterprise users cancel their own declarations; supervisors those of their jurisdiction."""
    from guomen.core.permissions import can

    if not can(user, "declaration.cancel"):
        return False
    if DeclarationStatus.CANCELLED not in ALLOWED_TRANSITIONS.get(declaration.status, set()):
        return False
    if user.is_superuser:
        return True
    if user.role == Role.ENTERPRISE:
        return bool(user.enterprise_id) and user.enterprise_id == declaration.declarant_id
    return org_in_scope(user, declaration.port)


@transaction.atomic
def declaration_cancel(*, declaration: Declaration, actor, reason: str, expected_version: int | None = None):
    """Withdraw a declaration (with a reason). The clearance flow cancels its open tasks with it."""
    require(actor, "declaration.cancel")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Say why the declaration is cancelled.")]})
    if not may_cancel(actor, declaration) and (
        DeclarationStatus.CANCELLED in ALLOWED_TRANSITIONS.get(declaration.status, set())
    ):
        raise PermissionDenied()
    declaration = declaration_transition(
        declaration=declaration,
        to=DeclarationStatus.CANCELLED,
        actor=actor,
        reason=reason,
        expected_version=expected_version,
    )
    return declaration


@transaction.atomic
def declaration_channel_set(
    *, declaration: Declaration, channel: str, actor, reason: str = ""
) -> Declaration:
    """Record a new channel on a declaration whose status does not change (a re-routing), audited."""
    before = Declaration.objects.filter(pk=declaration.pk).values_list("channel", flat=True).first()
    updated = Declaration.objects.filter(pk=declaration.pk, version=declaration.version).update(
        channel=channel, version=F("version") + 1
    )
    if not updated:
        raise Conflict()
    declaration.channel = channel
    declaration.version += 1
    audit_record(
        actor=actor,
        verb="declaration.channel",
        obj=declaration,
        org_path=declaration.port.path,
        before={"channel": before},
        after={"channel": channel},
        reason=reason,
    )
    return declaration
