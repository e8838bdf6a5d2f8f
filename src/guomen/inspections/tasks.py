"""Background work of inspections: the daily follow-up reminder."""

from django_tasks import task


@task()
def followup_remind() -> int:
    """Flag overdue rectification requests so the board and the enterprises see the reminder."""
    from .services import followup_flag_overdue

    return followup_flag_overdue()
