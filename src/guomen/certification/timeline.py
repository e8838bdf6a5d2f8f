from django.utils.translation import gettext_lazy as _

LABELS = {
    "added": _("Added to the CCC catalogue"),
    "edited": _("Catalogue entry corrected"),
    "retired": _("Retired from the CCC catalogue"),
}


def catalogue_event_label(event):
    action = event.verb.partition(".")[2]
    if action not in LABELS:
        return None
    after = event.after or {}
    detail = f"{after.get('hs_prefix', '')} {after.get('name_zh', '')}"
    if action == "retired":
        detail = str(after.get("retired_on", ""))
    return LABELS[action], detail.strip()
