"""Photos taken on site: checked, resized and stripped of EXIF (location, camera serial) before storing."""

import io
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from guomen.core.errors import Conflict, ValidationFailed
from guomen.core.services import audit_record

from ..choices import TaskStatus
from ..models import InspectionPhoto
from .results import _coordinate, _found_at
from .tasks import _check_scope

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 60_000_000
LONG_EDGE = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}


def _decode(data: bytes) -> Image.Image:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationFailed(fields={"photo": _("This file is not a photo (JPEG, PNG or WebP).")}) from None
    if fmt not in ACCEPTED_FORMATS:
        raise ValidationFailed(fields={"photo": _("Only JPEG, PNG or WebP photos are accepted.")})
    if width * height > MAX_PIXELS:
        raise ValidationFailed(fields={"photo": _("The photo has too many pixels.")})
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationFailed(fields={"photo": _("The photo file is damaged.")}) from None
    return image


def photo_prepare(data: bytes) -> bytes:
    """JPEG bytes no larger than LONG_EDGE on the long side, upright, without EXIF or other metadata."""
    image = ImageOps.exif_transpose(_decode(data))
    image.thumbnail((LONG_EDGE, LONG_EDGE), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    clean = Image.new(image.mode, image.size)  # a fresh image carries no metadata at all
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=82, optimize=True)
    return out.getvalue()


@transaction.atomic
def photo_upload(
    *, task, data: bytes, actor, taken_at=None, latitude=None, longitude=None
) -> InspectionPhoto:
    """Store a photo for a task under inspection; it is attached to a finding when the result is recorded."""
    _check_scope(actor, task, "inspection.record")
    if task.status not in (TaskStatus.OPEN, TaskStatus.IN_PROGRESS):
        raise Conflict(_("Photos can only be added while the task is under inspection."))
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
    photo.save()
    audit_record(
        actor=actor,
        verb="inspection.photo",
        obj=task,
        org_path=task.port.path,
        after={"photo": photo.pk, "bytes": len(jpeg), "size": [photo.width, photo.height]},
    )
    return photo
