"""Writes that every app shares: the audit log and idempotent replies.

`audit_record` only inserts: it takes no lock shared with other writers. Sealing (position, hash chain, signed
checkpoint) happens later in one place, core.audit."""

import hashlib
import json
import threading
from contextlib import contextmanager
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from .models import AuditEvent, IdempotencyRecord
from .rows import insert

GENESIS_HASH = "0" * 64
_batch = threading.local()


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


def event_digest(prev_hash: str, payload: dict) -> str:
    body = json.dumps([prev_hash, payload], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def event_payload(event: AuditEvent) -> dict:
    """The fields the hash covers, in a form that survives a database round trip."""
    return {
        # = strftime("%Y-%m-%dT%H:%M:%S.%fZ"), twice as fast (verification formats millions of these)
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds")[:-6] + "Z",
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
    """Record one event. Call inside the transaction that makes the change: the event commits or rolls back with
    it. The sealer gives it its place in the hash chain after commit (core.audit.audit_seal)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr if object_repr is not None else str(obj)[:200]
    actor_obj = actor if getattr(actor, "pk", None) else None
    event = AuditEvent(
        at=timezone.now(),
        actor=actor_obj,
        actor_label=(getattr(actor, "get_username", lambda: "")() if actor_obj else str(actor or "system"))[
            :150
        ],
        verb=verb,
        object_type=object_type or "",
        object_id=str(object_id or ""),
        object_repr=(object_repr or "")[:200],
        org_path=org_path or "",
        before=json_safe(before) if before is not None else None,
        after=json_safe(after) if after is not None else None,
        reason=reason or "",
    )
    pending = getattr(_batch, "events", None)
    if pending is not None:
        pending.append(event)
    else:
        event.save(force_insert=True)
    return event


@contextmanager
def audit_batch():
    """Events recorded inside the block are inserted together, in order, in one statement when it ends.

    For a flow that records several events in one transaction (intake records four). Use it inside that
    transaction and around the whole of it: the events are written when the block ends without an error and
    dropped with it otherwise, so nothing inside may catch an error and go on as if its events had been undone.
    Nested blocks join the outer one. An event's id is set once it is written."""
    if getattr(_batch, "events", None) is not None:
        yield
        return
    _batch.events = []
    try:
        yield
        events = _batch.events
    finally:
        _batch.events = None
    if events:
        insert(events)


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
