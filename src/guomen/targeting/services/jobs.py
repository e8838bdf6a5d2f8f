"""Long targeting work (training, backtests) as background jobs with a progress bar (core.JobRun).

The UI and API queue a job; the task calls the *_run function, which reports progress on the JobRun and
records a failure instead of raising. The command line calls the same services synchronously.
"""

import datetime as dt
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed
from guomen.core.models import JobRun
from guomen.core.permissions import require
from guomen.core.services import audit_record
from guomen.core.tasks import job_finish, job_progress

from ..choices import BacktestRules
from ..models import RiskModel

log = logging.getLogger(__name__)
TRAIN_KIND = "targeting.train"
BACKTEST_KIND = "targeting.backtest"


def _queue(kind: str, actor, line: str, **params) -> JobRun:
    job = JobRun.objects.create(kind=kind, created_by=actor if getattr(actor, "pk", None) else None)
    JobRun.objects.filter(pk=job.pk).update(log=line + "\n", result={"params": params})
    audit_record(actor=actor, verb="targeting.job_queued", obj=job, after={"kind": kind, **params})
    return job


@transaction.atomic
def train_request(*, actor, train_from: dt.date, train_to: dt.date) -> JobRun:
    require(actor, "targeting.model")
    if train_to < train_from:
        raise ValidationFailed(fields={"train_to": [_("The window ends before it starts.")]})
    job = _queue(
        TRAIN_KIND,
        actor,
        _("Queued: training on %(a)s – %(b)s") % {"a": train_from, "b": train_to},
        train_from=train_from.isoformat(),
        train_to=train_to.isoformat(),
    )
    from ..tasks import train_task

    args = (job.pk, actor.pk, train_from.isoformat(), train_to.isoformat())
    transaction.on_commit(lambda: train_task.enqueue(*args))
    return job


@transaction.atomic
def backtest_request(
    *,
    actor,
    date_from: dt.date,
    date_to: dt.date,
    capacity: float,
    model: RiskModel | None = None,
    rules: str = BacktestRules.HISTORY,
) -> JobRun:
    require(actor, "targeting.view")
    errors = {}
    if date_to < date_from:
        errors["date_to"] = [_("The period ends before it starts.")]
    if not 0 < capacity < 1:
        errors["capacity"] = [_("The inspection share is a number between 0 and 1, e.g. 0.1.")]
    if rules not in BacktestRules.values:
        errors["rules"] = [_("Choose the rules as they stood each day or today's rules.")]
    if errors:
        raise ValidationFailed(fields=errors)
    params = {
        "date_from": date_from.isoformat(),
        "date_to": date_to.isoformat(),
        "capacity": capacity,
        "model_id": model.pk if model else None,
        "rules": rules,
    }
    job = _queue(
        BACKTEST_KIND, actor, _("Queued: backtest %(a)s – %(b)s") % {"a": date_from, "b": date_to}, **params
    )
    from ..tasks import backtest_task

    transaction.on_commit(lambda: backtest_task.enqueue(job.pk, **params))
    return job


def _progress(job_id: int):
    def say(percent: int, line: str = "") -> None:
        job_progress(job_id, progress=int(percent), line=str(line))

    return say


def _failed(job_id: int, exc: Exception) -> None:
    log.exception("targeting job %s failed", job_id)
    message = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
    fields = getattr(exc, "fields", None) or {}
    detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items())
    text = f"{message} {detail}".strip()
    job_finish(job_id, ok=False, result={"error": text}, line=_("Failed: %(error)s") % {"error": text})


def train_run(*, job_id: int, user_id: int | None, train_from: str, train_to: str) -> RiskModel | None:
    try:
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        from .models import model_train  # Polars and LightGBM load in the worker that runs it

        model = model_train(
            train_from=dt.date.fromisoformat(train_from),
            train_to=dt.date.fromisoformat(train_to),
            actor=user,
            progress=_progress(job_id),
        )
        job_finish(
            job_id,
            ok=True,
            result={"model_id": model.pk, "name": model.name, **model.metrics},
            line=_("Done: model %(name)s") % {"name": model.name},
        )
        return model
    except Exception as exc:
        _failed(job_id, exc)
        return None


def backtest_run(
    *,
    job_id: int,
    date_from: str,
    date_to: str,
    capacity: float,
    model_id: int | None,
    rules: str = BacktestRules.HISTORY,
) -> dict | None:
    try:
        from ..backtest import run_backtest  # NumPy and Polars load in the worker that runs it

        result = run_backtest(
            date_from=dt.date.fromisoformat(date_from),
            date_to=dt.date.fromisoformat(date_to),
            capacity=float(capacity),
            model=RiskModel.objects.get(pk=model_id) if model_id else None,
            progress=_progress(job_id),
            rules=rules,
        )
        job_finish(job_id, ok=True, result=result)
        return result
    except Exception as exc:
        _failed(job_id, exc)
        return None
