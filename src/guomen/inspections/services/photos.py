"""Photos taken on site: checked, resized and stripped of EXIF (location, camera serial) before storing.

A photo may carry an idempotency key made on the phone (photos taken without signal are kept there
and sent later, perhaps more than once): the first upload with a key stores the photo, every retry
with the same key answers with that same photo and stores nothing.
"""

import hashlib
import io
import uuid

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from guomen.core.errors import Conflict, ValidationFailed
from guomen.core.images import MAX_UPLOAD_BYTES, photo_prepare
from guomen.core.services import audit_record, idempotent_lookup, idempotent_store

from ..choices import TaskStatus
from ..models import InspectionPhoto
from .results import _coordinate, _found_at
from .tasks import _check_scope

PHOTO_ENDPOINT = "inspections.photo"
MAX_KEY_LENGTH = 200


def _principal(actor) -> str:
    return f"user:{actor.pk}"


def _digest(task, data: bytes) -> str:
    return hashlib.sha256(f"{task.pk}:".encode() + data).hexdigest()


def _clean_key(key) -> str:
    key = str(key or "").strip()
    if len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(
            fields={"key": _("The photo's key is longer than %(n)d characters.") % {"n": MAX_KEY_LENGTH}}
        )
    return key


def photo_for_key(*, key: str, actor) -> InspectionPhoto | None:
    """The photo that this user's upload with this key stored, or None if there was none."""
    key = str(key or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        return None
    record = idempotent_lookup(key=key, principal=_principal(actor), endpoint=PHOTO_ENDPOINT)
    if record is None:
        return None
    return InspectionPhoto.objects.filter(pk=record.response.get("photo")).first()


def _replayed(task, data: bytes, key: str, actor) -> InspectionPhoto | None:
    record = idempotent_lookup(key=key, principal=_principal(actor), endpoint=PHOTO_ENDPOINT)
    if record is None:
        return None
    if record.request_hash != _digest(task, data):
        raise ValidationFailed(
            _("This key was already used for another photo."),
            fields={"key": _("Take the photo again: it gets a new key.")},
            code="idempotency_key_reused",
        )
    photo = InspectionPhoto.objects.filter(pk=record.response.get("photo")).first()
    if photo is None:  # the photo was removed since: store it again under the same key
        record.delete()
        return None
    photo.replayed = True
    return photo


def photo_conflict_message(task) -> str:
    """Why a photo can no longer be added: who recorded or closed the task first."""
    if task.status == TaskStatus.CANCELLED:
        return _("This task was cancelled. The photo was not saved.")
    if task.status == TaskStatus.CLOSED:
        who = task.confirmed_by or task.recorded_by
        return _("This task was already closed by %(name)s (%(d)s). The photo was not saved.") % {
            "name": who or "—",
            "d": task.get_disposition_display() or "—",
        }
    if task.recorded_by_id:
        return _("%(name)s already recorded a result for this task. The photo was not saved.") % {
            "name": task.recorded_by
        }
    return _("Photos can only be added while the task is under inspection.")


def _check(data: bytes, latitude, longitude, taken_at):
    if not data:
        raise ValidationFailed(fields={"photo": _("Choose a photo.")})
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(fields={"photo": _("The photo is larger than 15 MB.")})
    lat, lon = _coordinate(latitude, 90), _coordinate(longitude, 180)
    if lat == -999 or lon == -999 or (lat is None) != (lon is None):
        raise ValidationFailed(fields={"location": _("The location is not a valid latitude and longitude.")})
    moment = _found_at(taken_at)
    if moment is False:
        raise ValidationFailed(fields={"taken_at": _("Enter the time as YYYY-MM-DD HH:MM.")})
    return lat, lon, moment


@transaction.atomic
def photo_upload(
    *, task, data: bytes, actor, taken_at=None, latitude=None, longitude=None, key: str = ""
) -> InspectionPhoto:
    """Store a photo for a task under inspection; it is attached to a finding when the result is recorded.

    With a key, a retry returns the photo the first upload stored (its `replayed` is True).
    """
    _check_scope(actor, task, "inspection.record")
    key = _clean_key(key)
    earlier = _replayed(task, data, key, actor) if key else None
    if earlier is not None:
        return earlier
    if task.status not in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS):
        raise Conflict(photo_conflict_message(task))
    lat, lon, moment = _check(data, latitude, longitude, taken_at)
    jpeg = photo_prepare(data)
    photo = InspectionPhoto(
        task=task,
        taken_at=moment or timezone.now(),
        latitude=lat,
        longitude=lon,
        uploaded_by=actor,
        size_bytes=len(jpeg),
    )
    photo.image.save(f"{uuid.uuid4().hex[:12]}.jpg", ContentFile(jpeg), save=False)
    with Image.open(io.BytesIO(jpeg)) as stored:
        photo.width, photo.height = stored.size
    try:
        with transaction.atomic():  # the photo and its key's receipt are stored together or not at all
            photo.save()
            if key:
                idempotent_store(
                    key=key,
                    principal=_principal(actor),
                    endpoint=PHOTO_ENDPOINT,
                    request_hash=_digest(task, data),
                    status_code=201,
                    response={"photo": photo.pk, "task": task.pk},
                )
    except IntegrityError:  # the same key was sent twice at once: the first upload stands
        photo.image.delete(save=False)
        earlier = _replayed(task, data, key, actor) if key else None
        if earlier is None:
            raise
        return earlier
    audit_record(
        actor=actor,
        verb="inspection.photo",
        obj=task,
        org_path=task.port.path,
        after={"photo": photo.pk, "bytes": len(jpeg), "size": [photo.width, photo.height], "key": key},
    )
    photo.replayed = False
    return photo
