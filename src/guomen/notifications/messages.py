"""The words of each notification, rendered when read or sent, in the reader's language.

A notification stores its kind and a few plain facts (numbers, dates); the text comes from here, so the
same row reads in Chinese or English and no bureau-internal detail can slip into it: the facts offered to
these templates are the declaration number, a sample number, a deadline and a rectification subject, never
a channel, rule, score or instruction.
"""

from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .choices import Kind

SUBJECTS = {
    Kind.DECLARATION_SELECTED: _("Declaration %(number)s will be inspected"),
    Kind.DECLARATION_RELEASED: _("Declaration %(number)s released"),
    Kind.DECLARATION_HELD: _("Declaration %(number)s: goods held"),
    Kind.SAMPLE_FAILED: _("Declaration %(number)s: sample %(sample)s failed"),
    Kind.RECTIFICATION_REQUESTED: _("Rectification requested: %(subject)s"),
    Kind.RESULT_TO_CONFIRM: _("Result of declaration %(number)s to confirm"),
    Kind.QUEUE_ITEM: _("New in your queue: %(item)s"),
}
BODIES = {
    Kind.DECLARATION_SELECTED: _(
        "Customs will inspect the goods of declaration %(number)s. Please keep the goods available and "
        "follow the port's instructions."
    ),
    Kind.DECLARATION_RELEASED: _(
        "The goods of declaration %(number)s are released. The certificate can be downloaded in the "
        "enterprise workspace."
    ),
    Kind.DECLARATION_HELD: _(
        "The goods of declaration %(number)s may not leave: customs decided %(decision)s. The notice can "
        "be downloaded in the enterprise workspace."
    ),
    Kind.SAMPLE_FAILED: _(
        "The laboratory result of sample %(sample)s (declaration %(number)s) does not conform. Customs "
        "will tell you what follows."
    ),
    Kind.RECTIFICATION_REQUESTED: _("Customs asks you to put this right by %(due)s: %(subject)s"),
    Kind.RESULT_TO_CONFIRM: _("The inspection result of declaration %(number)s waits for your confirmation."),
    Kind.QUEUE_ITEM: _("%(item)s is waiting in your queue."),
}


class _Blank(dict):
    def __missing__(self, key):
        return ""


@lru_cache(maxsize=16)
def _templates(language: str) -> dict[str, tuple[str, str]]:
    """Every kind's subject and body translated once per language (a digest renders many rows)."""
    return {kind: (str(SUBJECTS[kind]), str(BODIES[kind])) for kind in SUBJECTS}


def render(kind: str, params: dict, *, language: str | None = None) -> tuple[str, str]:
    """(subject, body) of a notification in `language` (default the active one); unknown kinds read as
    their code."""
    found = _templates(language or get_language() or "")
    if kind not in found:
        return kind, ""
    subject, body = found[kind]
    facts = _Blank(params or {})
    return subject % facts, body % facts
