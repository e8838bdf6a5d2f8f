"""Declarations API (/api/v1/declarations): submit (idempotent), read one, list.

Bureau staff and the bureau's own system clients get the staff schemas (channel, targeting decision with its
reasons and instruction, the inspection channel of each task); an enterprise user or an enterprise's system
client gets the `…ForEnterprise` schemas, which have no such fields: targeting stays confidential.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from guomen.clearance.services import clearance_submit
from guomen.core.errors import ValidationFailed
from guomen.core.pagination import Page, PageIn, page_of
from guomen.core.permissions import sees_targeting
from guomen.core.services import idempotent_lookup, idempotent_store, json_safe
from guomen.targeting.reasons import reason_text

from . import selectors
from .ephyto_api import add_ephyto_route
from .intake import MAX_LINES

router = Router(tags=["declarations"])
add_ephyto_route(router)  # before "/{number}", which would otherwise take "ephyto" for a number
IDEMPOTENCY_ENDPOINT = "declarations.submit"


class LineIn(Schema):
    hs_code: str = Field(..., examples=["081060"])
    description: str = ""
    quantity: Decimal
    unit: str = ""
    net_weight_kg: Decimal
    value: Decimal
    currency: str = "USD"
    production_base_codes: list[str] = []


class DocumentIn(Schema):
    type: str = Field(..., examples=["phytosanitary_certificate"])
    number: str
    issued_on: dt.date | None = None


class DeclarationIn(Schema):
    direction: str = Field(..., examples=["import"])
    port: str = Field(..., examples=["WJD"])
    declarant_uscc: str
    consignee_uscc: str | None = None
    consignor_name: str = ""
    origin_country: str = Field(..., examples=["TH"])
    destination_country: str | None = None
    transport: str = Field(..., examples=["truck"])
    transport_id: str = ""
    arrival_date: dt.date
    lines: list[LineIn]
    documents: list[DocumentIn] = []
    batch_numbers: list[str] = Field([], examples=[["PCWJD202612060001"]], max_length=50)
    foreign_consignee_name: str = Field("", max_length=200, description="Consignee abroad (exports)")
    foreign_consignee_address: str = Field("", max_length=500)
    foreign_consignee_country: str = Field("", max_length=60, examples=["JP"], description="ISO 3166 code")

    @field_validator("lines", mode="before")
    @classmethod
    def _few_enough_lines(cls, lines):
        """Count the lines before parsing any of them: 40,000 lines are refused at once, not after seconds."""
        if isinstance(lines, list) and len(lines) > MAX_LINES:
            message = _("At most %(n)d lines per declaration.") % {"n": MAX_LINES}
            raise PydanticCustomError("too_many_lines", message)
        return lines


class ReasonOut(Schema):
    code: str
    text: str


class DeclarationDecisionOut(Schema):
    channel: str
    reasons: list[ReasonOut]
    instruction: str


class SubmitOut(Schema):
    number: str
    status: str
    verification_code: str
    decision: DeclarationDecisionOut | None


class SubmitForEnterpriseOut(Schema):
    number: str
    status: str
    verification_code: str


class LineOut(Schema):
    line_no: int
    hs_code: str
    description: str
    quantity: Decimal
    unit: str
    net_weight_kg: Decimal
    value: Decimal
    currency: str
    production_base_codes: list[str]


class DeclarationDocumentOut(Schema):
    type: str
    number: str
    issued_on: dt.date | None


class DeclarationTaskForEnterpriseOut(Schema):
    id: int
    status: str
    due_date: dt.date
    outcome: str
    disposition: str


class DeclarationTaskOut(DeclarationTaskForEnterpriseOut):
    channel: str
    proposed_disposition: str


class DeclarationSummaryForEnterpriseOut(Schema):
    number: str
    status: str
    direction: str
    port: str
    declarant_uscc: str
    declarant_name: str
    origin_country: str
    arrival_date: dt.date
    submitted_at: dt.datetime
    batch_numbers: list[str]


class DeclarationSummaryOut(DeclarationSummaryForEnterpriseOut):
    channel: str


class DeclarationForEnterpriseOut(DeclarationSummaryForEnterpriseOut):
    verification_code: str
    consignee_uscc: str | None
    consignor_name: str
    destination_country: str | None
    foreign_consignee_name: str
    foreign_consignee_address: str
    foreign_consignee_country: str
    transport: str
    transport_id: str
    total_value: Decimal
    total_weight_kg: Decimal
    outcome: str
    lines: list[LineOut]
    documents: list[DeclarationDocumentOut]
    tasks: list[DeclarationTaskForEnterpriseOut]


class DeclarationOut(DeclarationForEnterpriseOut):
    channel: str
    decision: DeclarationDecisionOut | None
    tasks: list[DeclarationTaskOut]


class DeclarationPageOut(Page):
    results: list[DeclarationSummaryOut]


class DeclarationPageForEnterpriseOut(Page):
    results: list[DeclarationSummaryForEnterpriseOut]


def _decision_dict(decision) -> dict | None:
    if decision is None:
        return None
    return {
        "channel": decision.channel,
        "reasons": [{"code": r.get("code", ""), "text": reason_text(r)} for r in decision.reasons],
        "instruction": decision.instruction,
    }


def _as(user, staff_schema, outside_schema, data: dict):
    """The answer in the schema the reader may see (the outside schema drops every targeting field)."""
    return (staff_schema if sees_targeting(user) else outside_schema).model_validate(data)


def _summary(d) -> dict:
    return {
        "number": d.number,
        "status": d.status,
        "direction": d.direction,
        "port": d.port.code,
        "declarant_uscc": d.declarant.uscc,
        "declarant_name": d.declarant.name_zh,
        "origin_country": d.origin_country_id,
        "arrival_date": d.arrival_date,
        "submitted_at": d.submitted_at,
        "channel": d.channel,
        # prefetched by the list (selectors.declaration_list) and the detail: no statement per row
        "batch_numbers": [link.batch.number for link in d.export_batches.all()],
    }


def _detail(d, *, staff: bool) -> dict:
    return {
        **_summary(d),
        "verification_code": d.verification_code,
        "consignee_uscc": d.consignee.uscc if d.consignee_id else None,
        "consignor_name": d.consignor_name,
        "destination_country": d.destination_country_id,
        "foreign_consignee_name": d.foreign_consignee_name,
        "foreign_consignee_address": d.foreign_consignee_address,
        "foreign_consignee_country": d.foreign_consignee_country,
        "transport": d.transport,
        "transport_id": d.transport_id,
        "total_value": d.total_value,
        "total_weight_kg": d.total_weight_kg,
        "outcome": d.outcome,
        "lines": [
            {
                "line_no": line.line_no,
                "hs_code": line.hs_id,
                "description": line.description,
                "quantity": line.quantity,
                "unit": line.unit,
                "net_weight_kg": line.net_weight_kg,
                "value": line.value,
                "currency": line.currency,
                "production_base_codes": [b.code for b in line.production_bases.all()],
            }
            for line in selectors.declaration_lines(d)
        ],
        "documents": [
            {"type": doc.type, "number": doc.number, "issued_on": doc.issued_on}
            for doc in d.documents.order_by("id")
        ],
        "decision": _decision_dict(selectors.declaration_decision(d, staff=True)) if staff else None,
        "tasks": [
            {
                "id": t.pk,
                "status": t.status,
                "channel": t.channel,
                "due_date": t.due_date,
                # outside the bureau, the inspector's result counts once the supervisor has confirmed it
                "outcome": t.outcome if staff or t.disposition else "",
                "proposed_disposition": t.proposed_disposition,
                "disposition": t.disposition,
            }
            for t in selectors.declaration_tasks(d)
        ],
    }


def _request_hash(payload: DeclarationIn) -> str:
    # a request naming no batch and no consignee abroad hashes as it did before they could be named
    optional = (
        "batch_numbers",
        "foreign_consignee_name",
        "foreign_consignee_address",
        "foreign_consignee_country",
    )
    dumped = payload.model_dump(
        mode="json", exclude={name for name in optional if not getattr(payload, name)}
    )
    body = json.dumps(json_safe(dumped), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _replay(user, record, request_hash: str):
    if record.request_hash != request_hash:
        raise ValidationFailed(
            _("This Idempotency-Key was already used for a different request."),
            fields={"Idempotency-Key": [_("Use a new key for a new declaration.")]},
            code="idempotency_key_reused",
        )
    return Status(record.status_code, _as(user, SubmitOut, SubmitForEnterpriseOut, record.response))


def _submit(user, payload: DeclarationIn) -> dict:
    declaration = clearance_submit(
        actor=user,
        direction=payload.direction,
        port_code=payload.port,
        declarant_uscc=payload.declarant_uscc,
        consignee_uscc=payload.consignee_uscc,
        consignor_name=payload.consignor_name,
        origin_country=payload.origin_country,
        destination_country=payload.destination_country,
        foreign_consignee_name=payload.foreign_consignee_name,
        foreign_consignee_address=payload.foreign_consignee_address,
        foreign_consignee_country=payload.foreign_consignee_country,
        transport=payload.transport,
        transport_id=payload.transport_id,
        arrival_date=payload.arrival_date,
        lines=[line.model_dump() for line in payload.lines],
        documents=[doc.model_dump() for doc in payload.documents],
        batch_numbers=payload.batch_numbers,
    )
    return json_safe(
        {
            "number": declaration.number,
            "status": declaration.status,
            "verification_code": declaration.verification_code,
            "decision": (
                _decision_dict(selectors.declaration_decision(declaration, staff=True))
                if sees_targeting(user)
                else None
            ),
        }
    )


@router.post("", response={201: SubmitOut | SubmitForEnterpriseOut}, summary="Submit a declaration (报检)")
def declaration_create(
    request, payload: DeclarationIn, idempotency_key: str | None = Header(None, alias="Idempotency-Key")
):
    """Submit a declaration. With an `Idempotency-Key` header a retry returns the first response."""
    user = request.auth
    if not idempotency_key:
        return Status(201, _as(user, SubmitOut, SubmitForEnterpriseOut, _submit(user, payload)))
    key = idempotency_key.strip()[:200]
    request_hash = _request_hash(payload)
    lookup = {"key": key, "principal": user.get_username(), "endpoint": IDEMPOTENCY_ENDPOINT}
    record = idempotent_lookup(**lookup)
    if record is not None:
        return _replay(user, record, request_hash)
    try:
        with transaction.atomic():
            body = _submit(user, payload)
            idempotent_store(**lookup, request_hash=request_hash, status_code=201, response=body)
    except IntegrityError:  # the same key raced us and won: answer as it did
        record = idempotent_lookup(**lookup)
        if record is None:
            raise
        return _replay(user, record, request_hash)
    return Status(201, _as(user, SubmitOut, SubmitForEnterpriseOut, body))


@router.get(
    "",
    response=DeclarationPageOut | DeclarationPageForEnterpriseOut,
    summary="List declarations you may see",
)
def declaration_list(request, filters: Query[selectors.DeclarationFilters], pagination: Query[PageIn]):
    """The filters of the declaration page, by the same names."""
    qs = selectors.declaration_list(user=request.auth, filters=filters)
    body = page_of(request, qs, pagination, _summary)
    return _as(request.auth, DeclarationPageOut, DeclarationPageForEnterpriseOut, body)


@router.get(
    "/{number}",
    response=DeclarationOut | DeclarationForEnterpriseOut,
    summary="One declaration with its decision and tasks (its status and tasks only for an enterprise)",
)
def declaration_detail(request, number: str):
    declaration = selectors.declaration_get(user=request.auth, number=number)
    return _as(
        request.auth,
        DeclarationOut,
        DeclarationForEnterpriseOut,
        _detail(declaration, staff=sees_targeting(request.auth)),
    )
