"""Supervised loading (监装): container, seal, time and photos of an export declaration's goods, on the phone."""

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image
from stdnum import iso6346
from stdnum.exceptions import ValidationError as NumberInvalid

from guomen.core.errors import ValidationFailed
from guomen.core.images import MAX_UPLOAD_BYTES, photo_prepare
from guomen.core.services import audit_record, model_snapshot
from guomen.declarations.choices import FINAL_STATUSES, Direction
from guomen.inspections.choices import TaskStatus
from guomen.inspections.models import InspectionTask

from ..models import LoadingPhoto, LoadingRecord
from .common import require_for, text

MAX_PHOTOS = 8


def container_number_clean(value) -> str:
    """An ISO 6346 container number (owner code, serial, check digit), upper case without spaces."""
    raw = str(value or "").strip()
    if not raw:
        raise ValidationFailed(fields={"container_number": [_("This field is required.")]})
    try:
        return iso6346.validate(raw)
    except NumberInvalid:
        raise ValidationFailed(
            fields={
                "container_number": [
                    _("Not a valid container number (ISO 6346: 4 letters, 7 digits, check digit).")
                ]
            }
        ) from None


def _photos(photos: list[bytes]) -> list[bytes]:
    if len(photos) > MAX_PHOTOS:
        raise ValidationFailed(fields={"photos": [_("At most %(n)d photos.") % {"n": MAX_PHOTOS}]})
    prepared = []
    for data in photos:
        if len(data) > MAX_UPLOAD_BYTES:
            raise ValidationFailed(fields={"photos": [_("The photo is too large.")]})
        try:
            prepared.append(photo_prepare(data))
        except ValidationFailed as exc:
            raise ValidationFailed(fields={"photos": [p for ps in exc.fields.values() for p in ps]}) from None
    return prepared


@transaction.atomic
def loading_record(
    *,
    declaration,
    container_number: str,
    seal_number: str,
    loaded_at: dt.datetime | None = None,
    photos: list[bytes] | None = None,
    notes: str = "",
    actor,
) -> LoadingRecord:
    """The inspector records the supervised loading of an export declaration under inspection."""
    require_for(actor, "exports.loading_record", org=declaration.port, enterprise_id=None)
    errors: dict = {}
    if declaration.direction != Direction.EXPORT:
        errors["declaration"] = [_("Supervised loading is recorded for export declarations only.")]
    elif declaration.status in FINAL_STATUSES:
        errors["declaration"] = [
            _("The declaration is closed (%(status)s).") % {"status": declaration.get_status_display()}
        ]
    try:
        container = container_number_clean(container_number)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    try:
        seal = text(seal_number, "seal_number", limit=40).upper()
    except ValidationFailed as exc:
        errors.update(exc.fields)
    loaded_at = loaded_at or timezone.now()
    if timezone.is_naive(loaded_at):
        loaded_at = timezone.make_aware(loaded_at)
    if loaded_at > timezone.now() + dt.timedelta(minutes=5):
        errors["loaded_at"] = [_("The time must not be in the future.")]
    if errors:
        raise ValidationFailed(fields=errors)
    prepared = _photos(photos or [])
    task = (
        InspectionTask.objects.filter(declaration=declaration)
        .exclude(status=TaskStatus.CANCELLED)
        .order_by("-id")
        .first()
    )
    loading = LoadingRecord.objects.create(
        declaration=declaration,
        task=task,
        container_number=container,
        seal_number=seal,
        loaded_at=loaded_at,
        inspector=actor,
        notes=text(notes, "notes", required=False, limit=500),
    )
    for data in prepared:
        photo = LoadingPhoto(loading=loading, size_bytes=len(data))
        photo.image.save("loading.jpg", ContentFile(data), save=False)
        with Image.open(io.BytesIO(data)) as stored:
            photo.width, photo.height = stored.size
        photo.save()
    audit_record(
        actor=actor,
        verb="export_loading.recorded",
        obj=loading,
        org_path=declaration.port.path,
        after={
            **model_snapshot(loading, ["container_number", "seal_number", "loaded_at"]),
            "declaration": declaration.number,
            "photos": len(prepared),
        },
    )
    return loading
