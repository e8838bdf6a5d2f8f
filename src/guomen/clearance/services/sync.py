"""Replaying results recorded offline: each queued result once, with its outcome per item.

Every item carries an idempotency key made on the phone. The first outcome stored for a key is the
answer to every retry, so a result is never recorded twice; a task someone else already closed
comes back as a conflict naming who did it.

A finding may name photos taken without signal by their own keys (`photo_keys`); the phone uploads
them first. A result whose photos have not all arrived is answered `photos_missing` and no receipt
is kept, so the phone keeps it queued and sends it again once its photos are uploaded.
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guomen.core.errors import ApplicationError, Conflict, NotFound
from guomen.core.permissions import require, restrict
from guomen.core.services import idempotent_lookup, idempotent_store
from guomen.inspections.models import InspectionTask
from guomen.inspections.selectors.tasks import requirements_read_once
from guomen.inspections.services import already_recorded_message, photo_for_key

from .tasks import clearance_record_result

ENDPOINT = "inspections.sync"
MAX_ITEMS = 500
RESULT_FIELDS = (
    "outcome",
    "notes",
    "findings",
    "proposed_disposition",
    "checklist",
    "treatment_kind",
    "conditions",
)


def _hash(item: dict) -> str:
    return hashlib.sha256(json.dumps(item, sort_keys=True, default=str).encode()).hexdigest()


def _outcome(item: dict, status: str, *, task=None, message: str = "", fields=None) -> dict:
    return {
        "key": item.get("key", ""),
        "task_id": item.get("task_id"),
        "status": status,
        "message": str(message),
        "fields": fields or {},
        "task_status": task.status if task else "",
        "declaration_number": task.declaration.number if task else "",
        "replayed": False,
    }


def _task(actor, task_id):
    qs = (
        restrict(InspectionTask.objects.all(), actor, "inspection.view")
        .select_related("declaration", "port", "assignee", "recorded_by", "confirmed_by")
        .prefetch_related("declaration__lines__production_bases", "declaration__documents", "checklist")
    )
    try:
        return qs.get(pk=int(task_id))
    except (InspectionTask.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("No such inspection task in your jurisdiction.")) from None


def _with_photos(item: dict, task, actor) -> tuple[dict, dict]:
    """The item with each finding's photo keys turned into the ids of the photos they stored."""
    findings, missing = [], {}
    for i, row in enumerate(item.get("findings") or []):
        if not isinstance(row, dict):
            findings.append(row)
            continue
        ids = list(row.get("photo_ids") or [])
        for key in row.get("photo_keys") or []:
            photo = photo_for_key(key=key, actor=actor)
            if photo is None or photo.task_id != task.pk:
                missing[f"findings.{i}.photos"] = [
                    _("A photo taken without signal has not been uploaded yet; it is still on the phone.")
                ]
            elif photo.pk not in ids:
                ids.append(photo.pk)
        findings.append({k: v for k, v in row.items() if k != "photo_keys"} | {"photo_ids": ids})
    return item | {"findings": findings}, missing


def _replay(item: dict, actor) -> dict:
    try:
        task = _task(actor, item.get("task_id"))
    except NotFound as exc:
        return _outcome(item, "not_found", message=exc.message)
    if task.status not in ("open", "in_progress"):
        return _outcome(item, "conflict", task=task, message=already_recorded_message(task))
    item, missing = _with_photos(item, task, actor)
    if missing:
        return _outcome(
            item,
            "photos_missing",
            task=task,
            message=_("Waiting for the photos of this result to be uploaded."),
            fields=missing,
        )
    try:
        with transaction.atomic():
            clearance_record_result(
                task=task,
                actor=actor,
                **{k: item[k] for k in RESULT_FIELDS if item.get(k) is not None},
            )
    except Conflict as exc:
        fresh = InspectionTask.objects.select_related("declaration", "recorded_by", "confirmed_by").get(
            pk=task.pk
        )
        return _outcome(item, "conflict", task=fresh, message=exc.message)
    except ApplicationError as exc:
        return _outcome(item, exc.code, task=task, message=exc.message, fields=exc.fields)
    return _outcome(item, "recorded", task=task, message=_("Result recorded; awaiting confirmation."))


@transaction.atomic  # one commit for the batch; each item in its own savepoint
def clearance_sync_results(*, items: list[dict], actor) -> list[dict]:
    """Record each queued result once; the answer lists one outcome per item, in order."""
    require(actor, "inspection.record")
    with requirements_read_once():
        return _sync(items, actor)


def _sync(items: list[dict], actor) -> list[dict]:
    principal = f"user:{actor.pk}"
    answers = []
    for item in items[:MAX_ITEMS]:
        key = str(item.get("key") or "").strip()
        if not key or len(key) > 200:
            answers.append(
                _outcome(item, "invalid", message=_("Each queued result needs an idempotency key."))
            )
            continue
        stored = idempotent_lookup(key=key, principal=principal, endpoint=ENDPOINT)
        if stored is not None:
            answers.append(stored.response | {"replayed": True})
            continue
        try:
            with transaction.atomic():  # the result and its receipt are stored together or not at all
                answer = _replay(item, actor)
                if answer["status"] == "photos_missing":  # nothing recorded: no receipt, send it again
                    answers.append({**answer, "replayed": False})
                    continue
                idempotent_store(
                    key=key,
                    principal=principal,
                    endpoint=ENDPOINT,
                    request_hash=_hash(item),
                    status_code=200,
                    response=answer,
                )
        except IntegrityError:  # the same key replayed concurrently: the first answer stands
            stored = idempotent_lookup(key=key, principal=principal, endpoint=ENDPOINT)
            answer = stored.response | {"replayed": True}
        answers.append({**answer, "replayed": answer.get("replayed", False)})
    for item in items[MAX_ITEMS:]:
        answers.append(
            _outcome(item, "invalid", message=_("Too many results in one sync; send the rest again."))
        )
    return answers
