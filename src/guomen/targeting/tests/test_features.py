"""Features see only what was known before the declaration; one decision and the batch agree."""

import datetime as dt
import math

import polars as pl
import pytest
from django.utils import timezone

from guomen.declarations.models import Declaration
from guomen.inspections.models import InspectionTask
from guomen.targeting import features, features_batch
from guomen.targeting.engine import facts_for
from guomen.targeting.stats import stats_rebuild

from .helpers import past_declaration

pytestmark = pytest.mark.django_db
NOW = timezone.now


def _row(declaration) -> dict:
    frame = features_batch.feature_frame(features_batch.load_history())
    return frame.filter(pl.col("id") == declaration.pk).select(features.FEATURES).to_dicts()[0]


def test_a_result_confirmed_after_submission_is_invisible(world):
    t0 = NOW() - dt.timedelta(days=30)
    earlier = past_declaration(world, at=t0, outcome="non_conforming", confirmed_at=t0 + dt.timedelta(days=1))
    target = past_declaration(world, at=t0 + dt.timedelta(days=5), outcome="conforming")
    before = _row(target)
    assert before["trader_n"] == 1.0  # the earlier result, confirmed before submission, counts
    # a later declaration's result, and the target's own result, change: the target's features must not
    later = past_declaration(world, at=t0 + dt.timedelta(days=6), outcome="non_conforming")
    Declaration.objects.filter(pk=target.pk).update(outcome="non_conforming")
    assert _row(target) == before
    assert _row(later)["trader_n"] == 2.0
    assert earlier.pk != later.pk


def test_a_result_confirmed_only_after_submission_does_not_count_even_if_inspected_before(world):
    t0 = NOW() - dt.timedelta(days=30)
    past_declaration(world, at=t0, outcome="non_conforming", confirmed_at=t0 + dt.timedelta(days=10))
    target = past_declaration(world, at=t0 + dt.timedelta(days=5), outcome="conforming")
    assert _row(target)["trader_n"] == 0.0
    assert _row(target)["trader_nc_days"] is None  # no non-conformity known yet


def test_changing_the_confirmation_time_past_submission_removes_it(world):
    t0 = NOW() - dt.timedelta(days=30)
    early = past_declaration(world, at=t0, outcome="non_conforming", confirmed_at=t0 + dt.timedelta(hours=1))
    target = past_declaration(world, at=t0 + dt.timedelta(days=2), outcome="conforming")
    assert _row(target)["trader_rate"] > features.PRIOR_RATE
    InspectionTask.objects.filter(declaration=early).update(confirmed_at=t0 + dt.timedelta(days=3))
    assert _row(target)["trader_rate"] == pytest.approx(features.PRIOR_RATE)


def test_one_decision_reads_the_same_features_as_the_batch(world):
    t0 = NOW() - dt.timedelta(days=20)
    for k in range(6):
        past_declaration(
            world,
            at=t0 + dt.timedelta(days=k),
            outcome="non_conforming" if k % 3 == 0 else "conforming",
            base=world["base"],
        )
    stats_rebuild()
    target = past_declaration(world, at=NOW(), base=world["base"])
    single = features.feature_values(facts_for(target))
    batch = _row(target)
    for name in features.FEATURES:
        a, b = single[name], batch[name]
        if isinstance(a, float) and math.isnan(a):
            assert b is None or math.isnan(b), name
        elif isinstance(a, float):
            assert b == pytest.approx(a, rel=1e-6, abs=1e-6), name
        else:
            assert (a or "") == (b or ""), name
