"""How targeting's audit events read in timelines."""

from django.utils.translation import gettext_lazy as _

from .choices import CHANNEL_SHORT_LABELS

LABELS = {
    "rerouted": _("Re-routed"),
    "rule_created": _("Rule profile created"),
    "rule_updated": _("Rule profile edited"),
    "rule_deactivated": _("Rule profile deactivated"),
    "measure_created": _("Tightened inspection imposed"),
    "measure_extended": _("Tightened inspection extended"),
    "measure_lifted_manual": _("Tightened inspection lifted"),
    "measure_lifted_conforming": _("Tightened inspection lifted after conforming results"),
    "measure_lifted_end_date": _("Tightened inspection ended"),
    "measure_non_conforming": _("Non-conforming result under tightened inspection"),
    "level_changed": _("Frequency level changed"),
    "model_registered": _("Risk model registered"),
    "model_promoted": _("Risk model promoted"),
    "model_retired": _("Risk model retired"),
    "model_refused": _("Risk model refused"),
    "settings_changed": _("Targeting settings changed"),
}


def label_targeting_event(event):
    action = event.verb.partition(".")[2]
    label = LABELS.get(action)
    if label is None:
        return None
    after = event.after if isinstance(event.after, dict) else {}
    detail = ""
    if action == "rerouted":
        before = (event.before or {}).get("channel", "")
        detail = f"{CHANNEL_SHORT_LABELS.get(before, before)} → {CHANNEL_SHORT_LABELS.get(after.get('channel'), '')}"
    return label, detail
