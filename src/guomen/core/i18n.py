"""Translation catalogues compiled where they are needed: the .mo files are not kept in the repository, so they
are compiled from the .po files at start-up whenever one is missing or older than its .po (a stat per catalogue
when all are current). `uv sync && uv run guomen …` then speaks Chinese without `make install`."""

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def stale_catalogues(root: Path) -> list[Path]:
    stale = []
    found = [*root.glob("locale/*/LC_MESSAGES/*.po"), *root.glob("*/locale/*/LC_MESSAGES/*.po")]
    for po_path in sorted(found):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            stale.append(po_path)
    return stale


def compile_catalogues(root: Path) -> int:
    """Compile every stale .po under `root` into its .mo (pure Python, polib); returns how many."""
    stale = stale_catalogues(root)
    if not stale:
        return 0
    import polib

    count = 0
    for po_path in stale:
        mo_path = po_path.with_suffix(".mo")
        partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
        try:
            # written aside, then moved in one step: a process starting meanwhile never reads half a file
            polib.pofile(str(po_path)).save_as_mofile(str(partial))
            os.replace(partial, mo_path)
            count += 1
        except OSError as exc:  # a read-only installation: its catalogues were compiled when it was built
            log.warning("cannot compile %s: %s", po_path, exc)
    if count:
        forget_loaded_catalogues()
    return count


def forget_loaded_catalogues() -> None:
    """Catalogues read before these were compiled (an app may translate while apps load) are read again."""
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()
    trans_real.translation_catalog_exists.cache_clear()
