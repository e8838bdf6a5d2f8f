"""How laboratory events read on a timeline ("样品已封样", "检测结果：毒死蜱 0.8 mg/kg — 不合格")."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import Verdict

FIXED_LABELS = {
    "lab.register": gettext_lazy("Sample registered"),
    "lab.seal": gettext_lazy("Sample sealed"),
    "lab.hand_over": gettext_lazy("Sample handed over to the laboratory"),
    "lab.receive": gettext_lazy("Sample received by the laboratory"),
    "lab.start": gettext_lazy("Testing started"),
    "lab.submit": gettext_lazy("Results submitted for approval"),
    "lab.return": gettext_lazy("Results returned for correction"),
    "lab.reject": gettext_lazy("Sample rejected by the laboratory"),
}


def _verdict(value) -> str:
    return str(Verdict(value).label) if value in Verdict.values else str(value or "")


def lab_event_label(event) -> tuple[str, str] | None:
    after = event.after if isinstance(event.after, dict) else {}
    verb = event.verb
    if verb == "lab.approve":
        return _("Results approved: %(verdict)s") % {"verdict": _verdict(after.get("verdict"))}, ""
    if verb == "lab.result":
        value = after.get("value")
        shown = f"{value} {after.get('unit', '')}".strip() if value is not None else ""
        if not shown:
            shown = _("detected") if after.get("detected") else _("not detected")
        detail = f"{after.get('analyte_name') or after.get('analyte', '')} {shown} · {_verdict(after.get('verdict'))}"
        return _("Test result entered"), detail
    if verb == "lab.register":
        return str(FIXED_LABELS[verb]), str(after.get("number", ""))
    if verb in FIXED_LABELS:
        return str(FIXED_LABELS[verb]), ""
    return None
