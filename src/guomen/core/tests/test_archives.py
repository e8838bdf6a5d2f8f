"""ZIP-based uploads (XLSX, DOCX) are refused before unpacking when they would unpack too far."""

import io
import zipfile

import pytest

from guomen.core.archives import ArchiveLimits, ArchiveRefused, check_archive
from guomen.core.tabular import BadImportFile, read_table


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_member_is_refused_for_its_ratio():
    bomb = _zip({"xl/worksheets/sheet1.xml": b" " * (3 * 2**20)})
    with pytest.raises(ArchiveRefused, match="ZIP"):
        check_archive(bomb, ArchiveLimits(max_unpacked_bytes=64 * 2**20))


def test_an_archive_that_unpacks_too_far_is_refused():
    big = _zip({f"part{i}.xml": bytes(range(256)) * 4096 for i in range(4)})
    with pytest.raises(ArchiveRefused, match="MB"):
        check_archive(big, ArchiveLimits(max_unpacked_bytes=2**20))


def test_an_archive_with_too_many_entries_is_refused():
    with pytest.raises(ArchiveRefused):
        check_archive(_zip({f"{i}.xml": b"x" for i in range(20)}), ArchiveLimits(max_entries=10))


def test_an_ordinary_workbook_passes(settings):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["name", "code"])
    workbook.active.append(["荔枝", "0810"])
    out = io.BytesIO()
    workbook.save(out)
    assert read_table(out.getvalue(), "rows.xlsx") == [(2, {"name": "荔枝", "code": "0810"})]


def test_a_bulk_import_workbook_bomb_is_refused_with_a_reason(settings):
    settings.GUOMEN_ARCHIVE_LIMITS = {"max_unpacked_bytes": 2**20}
    bomb = _zip({"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b" " * (2 * 2**20)})
    with pytest.raises(BadImportFile) as refused:
        read_table(bomb, "bomb.xlsx")
    assert "file" in refused.value.fields
