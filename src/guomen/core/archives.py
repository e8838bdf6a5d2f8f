"""Limits on ZIP-based files (XLSX, DOCX, ZIP) checked before anything is unpacked: number of entries, total
unpacked size and compression ratio. zipfile never inflates a member past its declared size (a member that lies
fails its CRC check), so checking the declared sizes bounds the memory that reading can take."""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int = 2_000
    max_unpacked_bytes: int = 64 * 1024 * 1024
    max_ratio: int = 100  # unpacked / packed, for members past ratio_floor_bytes
    ratio_floor_bytes: int = 1024 * 1024


def default_limits() -> ArchiveLimits:
    return ArchiveLimits(**getattr(settings, "GUOMEN_ARCHIVE_LIMITS", {}))


class ArchiveRefused(ValueError):
    """The archive breaks a limit; the message says which, for people."""


def check_archive(data: bytes, limits: ArchiveLimits | None = None) -> None:
    """Raise ArchiveRefused when the ZIP in `data` is too big unpacked, has too many entries or inflates too much."""
    limits = limits or default_limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise ArchiveRefused(_("The file is not a readable ZIP-based document.")) from exc
    if len(members) > limits.max_entries:
        raise ArchiveRefused(_("The file holds too many parts (at most %(n)d).") % {"n": limits.max_entries})
    total = sum(m.file_size for m in members)
    if total > limits.max_unpacked_bytes:
        raise ArchiveRefused(
            _("The file unpacks to more than %(mb)d MB.") % {"mb": limits.max_unpacked_bytes // 2**20}
        )
    for member in members:
        if member.file_size > limits.ratio_floor_bytes and (
            member.compress_size == 0 or member.file_size / member.compress_size > limits.max_ratio
        ):
            raise ArchiveRefused(_("The file is compressed suspiciously well (a ZIP bomb?) and is refused."))
