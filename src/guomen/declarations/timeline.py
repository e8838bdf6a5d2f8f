"""Human labels for the audit events shown on a declaration's timeline ("提交报检", "布控：查验+抽样")."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guomen.inspections.choices import Disposition, Outcome
from guomen.targeting.choices import CHANNEL_SHORT_LABELS

from .choices import DeclarationStatus

FIXED_LABELS = {
    "declaration.submitted": gettext_lazy("Declaration submitted"),
    "declaration.under_inspection": gettext_lazy("Sent to inspection"),
    "declaration.pending_disposition": gettext_lazy("Awaiting disposition"),
    "declaration.released": gettext_lazy("Released"),
    "declaration.treatment": gettext_lazy("Treatment ordered"),
    "declaration.returned": gettext_lazy("Return ordered"),
    "declaration.destroyed": gettext_lazy("Destruction ordered"),
    "declaration.cancelled": gettext_lazy("Declaration cancelled"),
    "inspection.open": gettext_lazy("Inspection task issued"),
    "inspection.start": gettext_lazy("Inspection started"),
    "inspection.findings": gettext_lazy("Findings recorded"),
    "inspection.send_back": gettext_lazy("Sent back for re-inspection"),
    "inspection.treatment_complete": gettext_lazy("Treatment completed"),
}


def _choice_label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def event_label(event) -> tuple[str, str]:
    """(label, detail) for one audit event of a declaration or of its inspection task."""
    after = event.after if isinstance(event.after, dict) else {}
    verb = event.verb
    if verb == "declaration.targeted":
        channel = after.get("channel", "")
        return _("Targeting: %(channel)s") % {"channel": CHANNEL_SHORT_LABELS.get(channel, channel)}, ""
    if verb == "inspection.record":
        label = _("Inspection result: %(outcome)s") % {
            "outcome": _choice_label(Outcome, after.get("outcome"))
        }
        proposed = after.get("proposed_disposition")
        detail = _("proposed: %(d)s") % {"d": _choice_label(Disposition, proposed)} if proposed else ""
        return label, detail
    if verb == "inspection.confirm":
        return _("Supervisor confirmed: %(d)s") % {
            "d": _choice_label(Disposition, after.get("disposition"))
        }, ""
    if verb == "inspection.findings":
        findings = after.get("findings") or []
        detail = "、".join(str(f.get("description", "")) for f in findings if isinstance(f, dict))
        return str(FIXED_LABELS[verb]), detail
    if verb in FIXED_LABELS:
        detail = ""
        if verb == "declaration.submitted":
            detail = _("%(n)s line(s)") % {"n": after.get("lines", "?")}
        return str(FIXED_LABELS[verb]), detail
    if verb.startswith("declaration."):
        return _choice_label(DeclarationStatus, verb.split(".", 1)[1]), ""
    return verb, ""
