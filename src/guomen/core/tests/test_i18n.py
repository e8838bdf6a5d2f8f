"""Catalogues compile themselves: a missing or outdated .mo is rebuilt at start-up, a current one is left alone."""

import os

import polib

from guomen.core.i18n import compile_catalogues


def write_po(root, text="检验检疫"):
    folder = root / "app" / "locale" / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Inspection", msgstr=text))
    po.save(str(folder / "django.po"))
    return folder / "django.po"


def test_a_missing_catalogue_is_compiled(tmp_path):
    po = write_po(tmp_path)
    assert compile_catalogues(tmp_path) == 1
    assert polib.mofile(str(po.with_suffix(".mo"))).find("Inspection").msgstr == "检验检疫"


def test_a_current_catalogue_is_left_alone_and_an_outdated_one_rebuilt(tmp_path):
    po = write_po(tmp_path)
    compile_catalogues(tmp_path)
    assert compile_catalogues(tmp_path) == 0
    polib.pofile(str(po)).save(str(po))
    os.utime(po, (po.stat().st_mtime + 10, po.stat().st_mtime + 10))
    assert compile_catalogues(tmp_path) == 1


def test_the_projects_catalogues_are_compiled_after_start_up(settings):
    from pathlib import Path

    from guomen.core.i18n import stale_catalogues

    assert stale_catalogues(Path(settings.BASE_DIR)) == []
