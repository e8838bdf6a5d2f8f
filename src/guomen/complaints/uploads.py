"""Checks on photos sent with a complaint: how many, how large, and that each really is an image."""

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed

ALLOWED_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


@dataclass
class CheckedPhoto:
    name: str
    data: bytes
    content_type: str


def max_photo_bytes() -> int:
    return int(getattr(settings, "COMPLAINTS_MAX_PHOTO_BYTES", 5 * 1024 * 1024))


def max_photo_pixels() -> int:
    return int(getattr(settings, "COMPLAINTS_MAX_PHOTO_PIXELS", 40_000_000))


def max_photos() -> int:
    return int(getattr(settings, "COMPLAINTS_MAX_PHOTOS", 5))


def check_photos(photos: list[tuple[str, bytes]]) -> list[CheckedPhoto]:
    """Each photo must be a JPEG, PNG or WebP that Pillow can verify, within the size limit."""
    from PIL import Image, UnidentifiedImageError

    if len(photos) > max_photos():
        raise ValidationFailed(fields={"photos": [_("Send at most %(n)s photos.") % {"n": max_photos()}]})
    checked, problems = [], []
    limit = filesizeformat(max_photo_bytes())
    for name, data in photos:
        shown = (name or "")[-60:]
        if len(data) > max_photo_bytes():
            problems.append(_("%(name)s is larger than %(limit)s.") % {"name": shown, "limit": limit})
            continue
        try:
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                width, height = image.size
                if width * height <= max_photo_pixels():
                    image.verify()
        except Image.DecompressionBombError:
            width, height = max_photo_pixels(), 2  # far too many pixels to even open
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            problems.append(_("%(name)s is not a picture we can open.") % {"name": shown})
            continue
        if width * height > max_photo_pixels():
            problems.append(
                _("%(name)s has too many pixels (at most %(mp)d million).")
                % {"name": shown, "mp": max_photo_pixels() // 1_000_000}
            )
            continue
        if fmt not in ALLOWED_FORMATS:
            problems.append(_("%(name)s: send JPEG, PNG or WebP pictures.") % {"name": shown})
            continue
        content_type, ext = ALLOWED_FORMATS[fmt]
        checked.append(CheckedPhoto(f"{uuid.uuid4().hex}.{ext}", data, content_type))
    if problems:
        raise ValidationFailed(fields={"photos": problems})
    return checked
