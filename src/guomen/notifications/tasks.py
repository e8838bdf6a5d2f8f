"""Notification tasks: thin wrappers over mail.py, queued after commit (immediate) or daily (digest)."""

from django_tasks import task


@task()
def send_immediate_task(user_ids: list[int]) -> dict:
    from .mail import send_immediate

    return send_immediate(user_ids=user_ids)


@task()
def send_digests_task() -> dict:
    from .mail import send_digests

    return send_digests()
