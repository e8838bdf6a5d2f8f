"""Writes that every app shares: the hash-chained audit log and idempotent replies."""

import hashlib
import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .models import AuditChainHead, AuditEvent, IdempotencyRecord

GENESIS_HASH = "0" * 64


def json_safe(value):
    """Round-trip through Django's encoder so dates, decimals and UUIDs become plain JSON."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def model_snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of a row (foreign keys as ids), JSON-safe, for before/after."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"created_at", "updated_at"}:
            continue
        data[field.attname if field.is_relation else field.name] = getattr(obj, field.attname)
    return json_safe(data)


def _event_digest(prev_hash: str, payload: dict) -> str:
    body = json.dumps([prev_hash, payload], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def event_payload(event: AuditEvent) -> dict:
    """The fields the hash covers, in a form that survives a database round trip."""
    return {
        "at": event.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "verb": event.verb,
        "object_type": event.object_type,
        "object_id": str(event.object_id),
        "object_repr": event.object_repr,
        "org_path": event.org_path,
        "before": event.before,
        "after": event.after,
        "reason": event.reason,
    }


def _lock_chain_head() -> AuditChainHead:
    """Take the write lock on the chain head (an UPDATE locks on SQLite and PostgreSQL alike)."""
    updated = AuditChainHead.objects.filter(pk=1).update(count=models.F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(pk=1, last_hash=GENESIS_HASH, count=0)
        except IntegrityError:
            pass
        AuditChainHead.objects.filter(pk=1).update(count=models.F("count") + 1)
    return AuditChainHead.objects.select_for_update().get(pk=1)


def audit_record(
    *,
    actor,
    verb: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
    org_path: str = "",
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event to the chain. Call inside the transaction that makes the change."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr if object_repr is not None else str(obj)[:200]
    actor_obj = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        head = _lock_chain_head()
        event = AuditEvent(
            at=timezone.now(),
            actor=actor_obj,
            actor_label=(
                getattr(actor, "get_username", lambda: "")() if actor_obj else str(actor or "system")
            )[:150],
            verb=verb,
            object_type=object_type or "",
            object_id=str(object_id or ""),
            object_repr=(object_repr or "")[:200],
            org_path=org_path or "",
            before=json_safe(before) if before is not None else None,
            after=json_safe(after) if after is not None else None,
            reason=reason or "",
            prev_hash=head.last_hash,
        )
        event.hash = _event_digest(head.last_hash, event_payload(event))
        event.save(force_insert=True)
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event


def audit_verify(*, batch_size: int = 5000) -> tuple[int, AuditEvent | None, str]:
    """Walk the whole chain. Returns (events checked, first broken event or None, what is wrong)."""
    prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        for event in batch:
            if event.prev_hash != prev:
                return checked, event, "prev_hash"
            if _event_digest(prev, event_payload(event)) != event.hash:
                return checked, event, "hash"
            prev = event.hash
            checked += 1
            last_id = event.id
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and checked and head.last_hash != prev:
        return checked, None, "head"
    return checked, None, ""


def idempotent_lookup(*, key: str, principal: str, endpoint: str) -> IdempotencyRecord | None:
    return IdempotencyRecord.objects.filter(key=key, principal=principal, endpoint=endpoint).first()


def idempotent_store(
    *, key: str, principal: str, endpoint: str, request_hash: str, status_code: int, response: dict
) -> IdempotencyRecord:
    return IdempotencyRecord.objects.create(
        key=key,
        principal=principal,
        endpoint=endpoint,
        request_hash=request_hash,
        status_code=status_code,
        response=json_safe(response),
    )
