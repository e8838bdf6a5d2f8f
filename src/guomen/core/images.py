"""Photos taken on site (inspections, supervised loading): checked, resized and stripped of EXIF (location, camera
serial) before anything is stored."""

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ValidationFailed

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
