from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NotificationSource(models.TextChoices):
    RASFF = "rasff", _("RASFF import")
    MANUAL = "manual", _("Entered by hand")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    UNMATCHED = "unmatched", _("Unmatched")
    CONFIRMED = "confirmed", _("Match confirmed")


N = NotificationStatus
# A notification waits for an analyst while it has candidates; without any it is unmatched (still listed). An
# analyst confirms one candidate (a trace-back case opens) or marks it unmatched; a new match run or a new
# candidate puts an unmatched notification back in the queue.
NOTIFICATION_TRANSITIONS: dict[str, set[str]] = {
    N.PENDING: {N.CONFIRMED, N.UNMATCHED},
    N.UNMATCHED: {N.PENDING, N.CONFIRMED},
    N.CONFIRMED: set(),
}


class CaseStatus(models.TextChoices):
    INVESTIGATING = "investigating", _("Under investigation")
    RECTIFYING = "rectifying", _("Rectification under way")
    CLOSED = "closed", pgettext_lazy("trace-back case", "Closed")


C = CaseStatus
CASE_TRANSITIONS: dict[str, set[str]] = {
    C.INVESTIGATING: {C.RECTIFYING, C.CLOSED},
    C.RECTIFYING: {C.CLOSED},
    C.CLOSED: set(),
}


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")


TASK_TRANSITIONS: dict[str, set[str]] = {TaskStatus.OPEN: {TaskStatus.DONE}, TaskStatus.DONE: set()}


class Cause(models.TextChoices):
    EXPORTER = "exporter", _("Fault at the exporter (production, inputs, processing)")
    TRANSPORT = "transport", _("Transport or storage after export")
    DESTINATION = "destination", _("Different standard or method at destination")
    NOT_OURS = "not_ours", _("Goods not exported by this enterprise")
    UNKNOWN = "unknown", _("Cause not established")


EVENT_LABELS = {
    "traceback.entered": _("Notification entered"),
    "traceback.confirmed": _("Match confirmed"),
    "traceback.no_match": _("Marked unmatched"),
    "traceback_case.opened": _("Trace-back case opened"),
    "traceback_case.findings": _("Investigation findings recorded"),
    "traceback_case.rectifying": _("Findings recorded; rectification requested"),
    "traceback_case.closed": _("Case closed"),
    "traceback_task.added": _("Investigation task added"),
    "traceback_task.done": _("Investigation task done"),
}


def event_label(event):
    label = EVENT_LABELS.get(event.verb)
    return (label, "") if label is not None else None
