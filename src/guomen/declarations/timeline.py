"""How declaration events read on a timeline ("提交报检", "布控：查验+抽样")."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
}


def declaration_event_label(event) -> tuple[str, str] | None:
    after = event.after if isinstance(event.after, dict) else {}
    verb = event.verb
    if verb == "declaration.targeted":
        channel = after.get("channel", "")
        return _("Targeting: %(channel)s") % {"channel": CHANNEL_SHORT_LABELS.get(channel, channel)}, ""
    if verb == "declaration.submitted":
        return str(FIXED_LABELS[verb]), _("%(n)s line(s)") % {"n": after.get("lines", "?")}
    if verb in FIXED_LABELS:
        return str(FIXED_LABELS[verb]), ""
    status = verb.split(".", 1)[1]
    if status in DeclarationStatus.values:
        return str(DeclarationStatus(status).label), ""
    return None
