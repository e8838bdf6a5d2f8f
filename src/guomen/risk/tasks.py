"""Risk tasks: thin, idempotent, run daily by the worker (or cron: `guomen risk-daily`)."""

from django_tasks import task

from .measures import consumer_warnings_expire


@task()
def consumer_warnings_withdraw() -> int:
    """Withdraw consumer warnings whose period has ended (lifts the measure; may close the warning)."""
    return consumer_warnings_expire()
