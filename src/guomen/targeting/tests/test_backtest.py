import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from guomen.core.errors import ValidationFailed
from guomen.core.models import JobRun
from guomen.targeting.backtest import _select, run_backtest
from guomen.targeting.services.jobs import backtest_request

from .factories import RuleProfileFactory
from .helpers import synthetic_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(world):
    return synthetic_history(world, days=150, per_day=4)


def _period():
    today = timezone.localdate()
    return today - dt.timedelta(days=45), today - dt.timedelta(days=1)


def test_backtest_compares_the_strategies_at_the_same_share(history):
    date_from, date_to = _period()
    result = run_backtest(date_from=date_from, date_to=date_to, capacity=0.2, train_days=120)
    strategies = result["strategies"]
    assert set(strategies) == {"rules", "model", "combined", "random"}
    inspected = {s["inspected"] for s in strategies.values()}
    assert len(inspected) == 1
    assert inspected.pop() == round(result["declarations"] * 0.2)
    assert strategies["model"]["hit_rate"] > strategies["random"]["hit_rate"]
    assert result["auc"] > 0.65
    assert 0 <= strategies["model"]["recall"] <= 1
    assert len(result["weeks"]["labels"]) == len(result["weeks"]["series"]["model"])


def test_rules_strategy_follows_the_rule_profiles(history):
    RuleProfileFactory(hs_prefix="", production_base=history["bad"], channel="physical_sampling")
    date_from, date_to = _period()
    result = run_backtest(date_from=date_from, date_to=date_to, capacity=0.2, train_days=120)
    assert result["strategies"]["rules"]["hit_rate"] > result["strategies"]["random"]["hit_rate"]


def test_daily_quota_adds_up_over_small_days():
    import numpy as np

    day = np.repeat(np.arange(10), 3)  # ten days of three declarations
    chosen = _select(day, np.arange(30, dtype=float), 0.1)
    assert chosen.sum() == 3


def test_backtest_refuses_a_bad_share(history):
    date_from, date_to = _period()
    with pytest.raises(ValidationFailed) as caught:
        run_backtest(date_from=date_from, date_to=date_to, capacity=1.5)
    assert "capacity" in caught.value.fields


def test_backtest_job_reports_progress_and_result(history, analyst, django_capture_on_commit_callbacks):
    date_from, date_to = _period()
    with django_capture_on_commit_callbacks(execute=True):
        job = backtest_request(actor=analyst, date_from=date_from, date_to=date_to, capacity=0.2)
    job.refresh_from_db()  # the test settings run tasks at once
    assert job.status == JobRun.Status.SUCCEEDED
    assert job.progress == 100
    assert job.result["strategies"]["model"]["inspected"] > 0


def test_backtest_command_prints_the_table(history, capsys):
    date_from, date_to = _period()
    call_command(
        "risk",
        "backtest",
        "--from",
        str(date_from),
        "--to",
        str(date_to),
        "--capacity",
        "0.2",
        "--train-days",
        "120",
        verbosity=0,
    )
    out = capsys.readouterr().out
    for name in ("rules", "model", "combined", "random"):
        assert name in out
