"""Django merges every app's catalogue into one: a message translated one way in one app and another way in a
second shows the first app's words everywhere. Words that mean different things in different places carry a
context (pgettext, {% trans … context … %}); without one, all catalogues must agree."""

from collections import defaultdict
from pathlib import Path

import polib
from django.conf import settings


def catalogues() -> list[Path]:
    return sorted(Path(settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))


def test_every_message_without_a_context_reads_the_same_in_every_catalogue():
    seen: dict[tuple[str | None, str], dict[str, str]] = defaultdict(dict)
    for path in catalogues():
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                seen[(entry.msgctxt, entry.msgid)][str(path.parents[3].name)] = entry.msgstr
    disagreements = {
        f"{msgid!r}" + (f" (context {ctx!r})" if ctx else ""): apps
        for (ctx, msgid), apps in seen.items()
        if len(set(apps.values())) > 1
    }
    assert disagreements == {}, (
        "These messages are translated differently by different apps; agree on one translation, or give the "
        "message a context where the meaning differs"
    )
