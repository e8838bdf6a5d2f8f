"""Portlines tasks: thin wrappers over the services, queued daily by the schedule (`guomen schedule list`)."""

from django_tasks import task


@task()
def portlines_expire() -> dict:
    """Move the records whose validity has passed to expired."""
    from .services import expire_due

    return expire_due()
