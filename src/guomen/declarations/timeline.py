"""How declaration events read on a timeline ("提交报检", "布控：查验+抽样")."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guomen.core.permissions import sees_targeting

from .choices import CHANNEL_SHORT_LABELS, DeclarationStatus

FIXED_LABELS = {
    "declaration.submitted": gettext_lazy("Declaration submitted"),
    "declaration.under_inspection": gettext_lazy("Sent to inspection"),
    "declaration.pending_disposition": gettext_lazy("Awaiting disposition"),
    "declaration.released": gettext_lazy("Released"),
    "declaration.treatment": gettext_lazy("Treatment ordered"),
    "declaration.returned": gettext_lazy("Return ordered"),
    "declaration.destroyed": gettext_lazy("Destruction ordered"),
    "declaration.cancelled": gettext_lazy("Declaration cancelled"),
    "declaration.batches_attached": gettext_lazy("Production batches named"),
}


def declaration_event_label(event) -> tuple[str, str] | None:
    after = event.after if isinstance(event.after, dict) else {}
    verb = event.verb
    if verb == "declaration.targeted":
        channel = after.get("channel", "")
        return _("Targeting: %(channel)s") % {"channel": CHANNEL_SHORT_LABELS.get(channel, channel)}, ""
    if verb == "declaration.submitted":
        return str(FIXED_LABELS[verb]), _("%(n)s line(s)") % {"n": after.get("lines", "?")}
    if verb == "declaration.batches_attached":
        return str(FIXED_LABELS[verb]), "、".join(str(b) for b in after.get("batches") or [])
    if verb in FIXED_LABELS:
        return str(FIXED_LABELS[verb]), ""
    status = verb.split(".", 1)[1]
    if status in DeclarationStatus.values:
        return str(DeclarationStatus(status).label), ""
    return None


# What an outsider did itself and may read back as it happened (with its own name).
OUTSIDER_ACTIONS = frozenset({"declaration.submitted", "declaration.cancelled"})
# Status changes an outsider reads in plain language, credited to customs, without reasons.
PLAIN_STATUSES = frozenset(f"declaration.{s}" for s in DeclarationStatus.values)
CUSTOMS = gettext_lazy("Customs")
CUSTOMS_PROCESSING = gettext_lazy("Customs processing")


def outside_view(entries: list[dict]) -> list[dict]:
    """A timeline as an enterprise, its system client or the public reads it: its own submission and
    cancellation as they happened, status changes in plain language credited to customs, and every internal
    step of the bureau (targeting, tasks, findings, confirmations, re-routing) as one neutral "海关处理"
    entry per run of such steps, with no staff names, details or reasons."""
    shown: list[dict] = []
    for entry in entries:
        actor = entry.get("actor")
        outsider_did_it = actor is not None and not sees_targeting(actor)
        if entry["verb"] in OUTSIDER_ACTIONS and outsider_did_it:
            shown.append(entry)
            continue
        neutral = {**entry, "actor": None, "actor_label": str(CUSTOMS), "detail": "", "reason": ""}
        if entry["verb"] in PLAIN_STATUSES:
            shown.append(neutral)
            continue
        if shown and shown[-1]["verb"] == "customs.processing":
            continue
        shown.append({**neutral, "label": str(CUSTOMS_PROCESSING), "verb": "customs.processing"})
    return shown
