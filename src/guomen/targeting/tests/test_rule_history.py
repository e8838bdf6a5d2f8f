"""Backtests replay the rule profiles as they stood each day, from the audit trail."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from guomen.core.models import AuditEvent
from guomen.targeting import features_batch, rule_history
from guomen.targeting.backtest import historical_rule_strength
from guomen.targeting.services import rule_create, rule_deactivate, rule_update

from .factories import RuleProfileFactory
from .helpers import synthetic_history

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def _happened(rule, verb: str, days_ago: int) -> None:
    """Move the audit entry of a change back in time (the change itself was made just now)."""
    at = timezone.now() - dt.timedelta(days=days_ago)
    AuditEvent.objects.filter(object_id=str(rule.pk), verb=verb).update(at=at)


def _names(rule_set) -> list[str]:
    return [r.name for r in rule_set.rules]


def test_a_rule_counts_from_the_day_after_it_was_created(analyst):
    rule = rule_create(name="泰国榴莲加查", channel="physical", hs_prefix="0810", actor=analyst)
    _happened(rule, "targeting.rule_created", 20)
    sets = rule_history.rule_sets(_days_ago(40), _days_ago(1))
    assert [(s.start, s.end, _names(s)) for s in sets] == [
        (_days_ago(40), _days_ago(20), []),
        (_days_ago(19), _days_ago(1), ["泰国榴莲加查"]),
    ]


def test_a_change_and_a_deactivation_are_replayed_on_their_days(analyst):
    rule = rule_create(name="榴莲", channel="physical", hs_prefix="0810", percentage=30, actor=analyst)
    _happened(rule, "targeting.rule_created", 30)
    rule_update(rule=rule, actor=analyst, percentage=80)
    _happened(rule, "targeting.rule_updated", 20)
    rule_deactivate(rule=rule, actor=analyst, reason="风险已消除")
    _happened(rule, "targeting.rule_deactivated", 10)
    sets = rule_history.rule_sets(_days_ago(40), _days_ago(1))
    assert [[r.percentage for r in s.rules] for s in sets] == [[], [30], [80], []]
    assert sets[1].rules[0].hs_prefix == "0810" and sets[1].rules[0].pk == rule.pk


def test_a_rule_without_audit_entries_holds_for_the_whole_period():
    RuleProfileFactory(name="迁移导入的规则", hs_prefix="0810")
    [only] = rule_history.rule_sets(_days_ago(40), _days_ago(1))
    assert _names(only) == ["迁移导入的规则"]


def test_backtest_rules_select_only_from_the_day_a_rule_took_effect(world, analyst):
    history = synthetic_history(world, days=40, per_day=2)
    rule = rule_create(
        name="问题果园", channel="physical_sampling", production_base=history["bad"], actor=analyst
    )
    _happened(rule, "targeting.rule_created", 15)
    data = features_batch.load_history()
    events = features_batch.outcome_events(data)
    frame = features_batch.feature_frame(data, events.drop("t_outcome", "nc")).sort("t")
    strength = historical_rule_strength(data, frame, _days_ago(40), _days_ago(1))
    day = frame.get_column("day").to_numpy()
    took_effect = _days_ago(14).toordinal()
    assert not strength[day < took_effect].any()
    assert np.count_nonzero(strength[day >= took_effect]) > 0


def test_todays_rules_option_applies_a_new_rule_to_every_past_day(world, analyst):
    history = synthetic_history(world, days=40, per_day=2)
    rule_create(name="问题果园", channel="physical_sampling", production_base=history["bad"], actor=analyst)
    data = features_batch.load_history()
    frame = features_batch.feature_frame(data, features_batch.outcome_events(data).drop("t_outcome", "nc"))
    as_they_stood = historical_rule_strength(data, frame, _days_ago(40), _days_ago(1))
    todays = historical_rule_strength(data, frame, _days_ago(40), _days_ago(1), rules="current")
    assert not as_they_stood.any()  # created today: it decided nothing in the past
    assert np.count_nonzero(todays) > 0
