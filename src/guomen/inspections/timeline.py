"""How inspection events read on a timeline ("查验结果：不合格 — 建议：退运")."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import Disposition, Outcome, TreatmentKind

FIXED_LABELS = {
    "inspection.open": gettext_lazy("Inspection task issued"),
    "inspection.start": gettext_lazy("Inspection started"),
    "inspection.findings": gettext_lazy("Findings recorded"),
    "inspection.send_back": gettext_lazy("Sent back for re-inspection"),
    "inspection.treatment_complete": gettext_lazy("Treatment completed"),
    "inspection.cancel": gettext_lazy("Inspection task cancelled"),
    "inspection.checklist": gettext_lazy("Checklist recorded"),
    "inspection.photo": gettext_lazy("Photo taken"),
}
RECTIFICATION_LABELS = {
    "rectification.create": gettext_lazy("Rectification requested"),
    "rectification.answer": gettext_lazy("Enterprise answered the rectification request"),
    "rectification.close": gettext_lazy("Rectification closed"),
    "rectification.reopen": gettext_lazy("Rectification answer not accepted"),
    "rectification.remind": gettext_lazy("Reminder: rectification overdue"),
    "rectification.evidence": gettext_lazy("Evidence files sent"),
}


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "")


def inspection_event_label(event) -> tuple[str, str] | None:
    after = event.after if isinstance(event.after, dict) else {}
    verb = event.verb
    if verb == "inspection.record":
        label = _("Inspection result: %(outcome)s") % {"outcome": _label(Outcome, after.get("outcome"))}
        proposed = after.get("proposed_disposition")
        return label, (_("proposed: %(d)s") % {"d": _label(Disposition, proposed)}) if proposed else ""
    if verb == "inspection.confirm":
        label = _("Supervisor confirmed: %(d)s") % {"d": _label(Disposition, after.get("disposition"))}
        return label, _label(TreatmentKind, after.get("treatment_kind")) or after.get("conditions") or ""
    if verb == "inspection.findings":
        findings = [f for f in after.get("findings") or [] if isinstance(f, dict)]
        detail = "；".join(
            str(f.get("description", "")) + (f" ×{f['count']}" if f.get("count") else "") for f in findings
        )
        return str(FIXED_LABELS[verb]), detail
    if verb in FIXED_LABELS:
        return str(FIXED_LABELS[verb]), ""
    return None


def rectification_event_label(event) -> tuple[str, str] | None:
    if event.verb in RECTIFICATION_LABELS:
        return str(RECTIFICATION_LABELS[event.verb]), event.reason or ""
    return None
