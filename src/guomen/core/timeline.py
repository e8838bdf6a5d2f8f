"""Readable timeline entries from audit events. Each app registers how its verbs read.

An app calls `register_labeler("declaration", func)` in its AppConfig.ready(); `func(event)` returns
(label, detail) for the verbs under that prefix ("declaration.submitted" → "提交报检"). Verbs with no
labeler fall back to the generic create/update/status wording below.
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

Labeler = Callable[[object], tuple[str, str] | None]
_LABELERS: dict[str, Labeler] = {}

GENERIC_ACTIONS = {
    "create": _("Created"),
    "update": _("Edited"),
    "delete": _("Deleted"),
    "import": _("Imported"),
    "status": _("Status changed"),
    "transition": _("Status changed"),
}


def register_labeler(prefix: str, labeler: Labeler) -> None:
    _LABELERS[prefix] = labeler


def label_event(event) -> tuple[str, str]:
    prefix, _dot, action = event.verb.partition(".")
    labeler = _LABELERS.get(prefix)
    if labeler is not None:
        found = labeler(event)
        if found is not None:
            return str(found[0]), str(found[1] or "")
    if action in GENERIC_ACTIONS:
        changed = (
            sorted((event.after or {}).keys()) if action == "update" and isinstance(event.after, dict) else []
        )
        return str(GENERIC_ACTIONS[action]), "、".join(changed)
    return event.verb, ""


def timeline_entries(events) -> list[dict]:
    entries = []
    for event in events:
        label, detail = label_event(event)
        entries.append(
            {
                "at": event.at,
                "actor": event.actor,
                "actor_label": event.actor_label,
                "reason": event.reason,
                "label": label,
                "detail": detail,
                "verb": event.verb,
            }
        )
    return entries
