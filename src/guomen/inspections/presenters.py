"""Turn audit events about a task and its declaration into readable timeline entries."""

from django.utils.translation import gettext_lazy as _

from guomen.declarations.choices import DeclarationStatus

from .choices import Disposition, Outcome

VERB_LABELS = {
    "inspection.open": _("Inspection task opened"),
    "inspection.start": _("Inspection started"),
    "inspection.record": _("Inspection result recorded"),
    "inspection.findings": _("Findings recorded"),
    "inspection.confirm": _("Disposition confirmed"),
    "inspection.send_back": _("Sent back for re-inspection"),
    "inspection.treatment_complete": _("Treatment completed"),
    "inspection.cancel": _("Inspection task cancelled"),
}


def _label(verb: str) -> str:
    if verb in VERB_LABELS:
        return str(VERB_LABELS[verb])
    if verb.startswith("declaration."):
        status = verb.split(".", 1)[1]
        if status in DeclarationStatus.values:
            return str(_("Declaration: %(status)s") % {"status": DeclarationStatus(status).label})
    return verb


def _detail(verb: str, after: dict) -> str:
    if verb == "inspection.record":
        parts = []
        if after.get("outcome") in Outcome.values:
            parts.append(str(Outcome(after["outcome"]).label))
        if after.get("proposed_disposition") in Disposition.values:
            parts.append(str(_("proposed: %(d)s") % {"d": Disposition(after["proposed_disposition"]).label}))
        return ", ".join(parts)
    if verb == "inspection.confirm" and after.get("disposition") in Disposition.values:
        return str(Disposition(after["disposition"]).label)
    if verb == "inspection.findings":
        return "; ".join(
            f["description"] + (f" ×{f['count']}" if f.get("count") else "")
            for f in after.get("findings", [])
        )
    return ""


def timeline_entries(events) -> list[dict]:
    return [
        {
            "at": e.at,
            "actor": e.actor,
            "actor_label": e.actor_label,
            "reason": e.reason,
            "label": _label(e.verb),
            "detail": _detail(e.verb, e.after or {}),
        }
        for e in events
    ]
