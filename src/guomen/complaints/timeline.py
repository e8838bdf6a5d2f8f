from django.utils.translation import gettext_lazy as _

LABELS = {
    "received": _("Received from the public"),
    "triaged": _("Triaged and assigned"),
    "retriaged": _("Triage changed"),
    "replied": _("Replied to the complainant"),
    "closed": _("Closed"),
    "reminder": _("Deadline reminder"),
    "overdue": _("Overdue"),
}


def complaint_event_label(event):
    action = event.verb.partition(".")[2]
    if action not in LABELS:
        return None
    after = event.after or {}
    detail = ""
    if action == "closed":
        from .choices import Outcome

        detail = str(dict(Outcome.choices).get(after.get("outcome"), ""))
    elif action in ("reminder", "overdue"):
        detail = str(after.get("due_on", ""))
    return LABELS[action], detail
