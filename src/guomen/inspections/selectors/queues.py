"""Counts for the home page's work queues (core.work), each within the user's unit and below."""

from guomen.declarations.choices import DeclarationStatus

from ..choices import RectificationStatus, TaskStatus
from .followup import rectification_list
from .tasks import _tasks, confirmations


def tasks_to_inspect(user) -> int:
    """待查验: open tasks of my port and below whose consignment waits for inspection."""
    return (
        _tasks(user, "inspection.record")
        .filter(status=TaskStatus.OPEN, declaration__status=DeclarationStatus.UNDER_INSPECTION)
        .count()
    )


def tasks_in_progress(user) -> int:
    """进行中: tasks started and not yet recorded."""
    return (
        _tasks(user, "inspection.record")
        .filter(status=TaskStatus.IN_PROGRESS, declaration__status=DeclarationStatus.UNDER_INSPECTION)
        .count()
    )


def results_to_confirm(user) -> int:
    """待确认: recorded results waiting for a supervisor's confirmation."""
    return confirmations(user).count()


def rectifications_to_answer(user) -> int:
    """For an enterprise: rectification requests it has not answered yet."""
    return rectification_list(user, status=RectificationStatus.OPEN).count()
