"""Supervision tasks: the scheduled recompute (the worker runs it; cron or a scheduler enqueues it daily)."""

from django_tasks import task


@task()
def recompute_standings() -> dict:
    from .services import recompute

    run = recompute()
    return {"run": run.pk, "enterprises": run.enterprises, "class_changes": run.class_changes}
