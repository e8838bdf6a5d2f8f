"""Complaint tasks: thin wrappers over the services, queued daily by the schedule (`guomen schedule list`)."""

from django_tasks import task


@task()
def complaints_remind() -> dict:
    """Flag open complaints whose reply deadline is near (reminder) or past (overdue)."""
    from .services import complaint_send_reminders

    return complaint_send_reminders()
