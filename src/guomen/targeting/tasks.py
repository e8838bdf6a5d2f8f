"""Background tasks: thin wrappers that load by id and call the service."""

from django_tasks import task


@task()
def train_task(job_id: int, user_id: int | None, train_from: str, train_to: str) -> None:
    from .services.jobs import train_run

    train_run(job_id=job_id, user_id=user_id, train_from=train_from, train_to=train_to)


@task()
def backtest_task(
    job_id: int, date_from: str, date_to: str, capacity: float, model_id: int | None, rules: str = "history"
) -> None:
    from .services.jobs import backtest_run

    backtest_run(
        job_id=job_id, date_from=date_from, date_to=date_to, capacity=capacity, model_id=model_id, rules=rules
    )


@task()
def daily_task() -> None:
    """The daily run: expire measures, refresh statistics, recompute frequency levels and port shares."""
    from .services.daily import daily_run

    daily_run()
