"""Files an enterprise sends with its answer to a rectification request: photos, PDFs and spreadsheets.

Checked while the request is read (core.limits counts the bytes and files as they stream in) and again here:
the kind is told from the content, not the name; photos go through the same decoding, pixel cap and EXIF
stripping as inspection photos; XLSX files through the archive limits of core.archives; stored under an
unguessable name and served only by a view that checks the request they belong to.
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from guomen.core.archives import ArchiveRefused, check_archive
from guomen.core.errors import ValidationFailed
from guomen.core.files import unguessable_name
from guomen.core.limits import max_file_bytes

from .photos import photo_prepare

FIELD = "files"
MAX_FILES = 10
MAX_FILE_BYTES = 20 * 1024 * 1024
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
}


@dataclass
class Evidence:
    name: str  # the name people see
    content: ContentFile  # stored under an unguessable name
    content_type: str
    size: int


def _refuse(message: str, name: str = "") -> ValidationFailed:
    text = f"{name}: {message}" if name else message
    return ValidationFailed(fields={FIELD: [text]})


def _display_name(name: str, suffix: str) -> str:
    stem = PurePath(name or "").stem.strip()[:150] or "file"
    return f"{stem}{suffix}"


def _csv_ok(data: bytes) -> bool:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "\x00" not in text
    return False


def evidence_check(name: str, data: bytes) -> Evidence:
    """One file, checked by its content; refused naming the field and the file when it is not acceptable."""
    suffix = PurePath(name or "").suffix.lower()
    limit = min(MAX_FILE_BYTES, max_file_bytes())
    if not data:
        raise _refuse(_("The file is empty."), name)
    if len(data) > limit:
        raise _refuse(_("The file is larger than %(mb)d MB.") % {"mb": limit // 2**20}, name)
    if suffix in PHOTO_SUFFIXES:
        try:
            jpeg = photo_prepare(data)
        except ValidationFailed as exc:
            messages = [
                str(m) for v in (exc.fields or {}).values() for m in (v if isinstance(v, list) else [v])
            ]
            raise _refuse(" ".join(messages) or _("This file is not a photo."), name) from None
        return Evidence(_display_name(name, ".jpg"), ContentFile(jpeg), CONTENT_TYPES[".jpg"], len(jpeg))
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise _refuse(_("This file is not a PDF."), name)
    elif suffix == ".xlsx":
        try:
            check_archive(data)
        except ArchiveRefused as exc:
            raise _refuse(str(exc), name) from None
    elif suffix == ".csv":
        if not _csv_ok(data):
            raise _refuse(_("The CSV file is not UTF-8 or GB18030 text."), name)
    else:
        raise _refuse(_("Send photos (JPEG, PNG, WebP), PDF or spreadsheets (XLSX, CSV)."), name)
    return Evidence(_display_name(name, suffix), ContentFile(data), CONTENT_TYPES[suffix], len(data))


def evidence_check_all(files) -> list[Evidence]:
    """Every file of an answer: (name, bytes) pairs or uploaded files. All are checked before any is stored."""
    files = list(files or [])
    if len(files) > MAX_FILES:
        raise _refuse(_("At most %(n)d files per answer.") % {"n": MAX_FILES})
    checked = []
    for item in files:
        if isinstance(item, tuple):
            name, data = item
        else:
            name = getattr(item, "name", "")
            item.seek(0)
            data = item.read(min(MAX_FILE_BYTES, max_file_bytes()) + 1)
        checked.append(evidence_check(name, data))
    return checked


def evidence_store(answer, checked: list[Evidence], *, actor) -> list:
    from ..models import RectificationFile

    stored = []
    for item in checked:
        row = RectificationFile(
            answer=answer,
            name=item.name,
            content_type=item.content_type,
            size_bytes=item.size,
            uploaded_by=actor,
        )
        suffix = PurePath(item.name).suffix
        row.file.save(unguessable_name(f"x{suffix}"), item.content, save=False)
        row.save()
        stored.append(row)
    return stored
