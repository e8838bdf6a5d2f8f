from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR).rglob("locale/zh_Hans/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_a_chinese_catalogue():
    apps = {p.parts[-5] for p in CATALOGUES}
    assert {"guomen", "catalog", "registry", "declarations", "targeting", "inspections"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_is_fully_translated(path):
    untranslated = [
        e.msgid
        for e in polib.pofile(str(path))
        if not e.obsolete and ("fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values())))
    ]
    assert untranslated == []
