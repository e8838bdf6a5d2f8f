import datetime as dt

import pytest
from django.utils import timezone

from guomen.catalog.tests.factories import CountryFactory
from guomen.core.models import AuditEvent
from guomen.targeting.levels import REVIEW_DAYS, levels_recompute, next_level
from guomen.targeting.models import FrequencyLevel

from .helpers import past_declaration

pytestmark = pytest.mark.django_db


def _results(world, origin, n, failures):
    at = timezone.now() - dt.timedelta(days=40)
    for k in range(n):
        outcome = "non_conforming" if k < failures else "conforming"
        past_declaration(world, at=at, outcome=outcome, origin=origin)


@pytest.mark.parametrize(
    ("level", "rate", "group_rate", "n", "expected"),
    [
        (0, 0.10, 0.05, 50, 1),
        (1, 0.10, 0.05, 50, 2),
        (3, 0.10, 0.05, 50, 3),
        (2, 0.06, 0.05, 50, 1),
        (0, 0.06, 0.05, 50, 0),
        (1, 0.50, 0.05, 5, 0),
    ],
)
def test_level_moves_one_step(level, rate, group_rate, n, expected):
    assert next_level(level, rate, group_rate, n) == expected


def test_recompute_raises_a_bad_origin_and_keeps_the_rates(world, analyst):
    vn = CountryFactory(code="VN")
    _results(world, vn, 30, 9)  # 30% non-conforming
    _results(world, world["thailand"], 60, 1)
    result = levels_recompute(actor=analyst)
    row = FrequencyLevel.objects.get(origin=vn)
    assert row.level == 1
    assert (row.inspected, row.non_conforming) == (30, 9)
    assert row.rate == pytest.approx(0.3) and row.group_rate == pytest.approx(10 / 90)
    assert FrequencyLevel.objects.get(origin=world["thailand"]).level == 0
    assert result["raised"] == 1
    assert AuditEvent.objects.filter(verb="targeting.level_changed").count() == 1


def test_a_level_is_reviewed_at_most_monthly(world, analyst):
    vn = CountryFactory(code="VN")
    _results(world, vn, 30, 9)
    _results(world, world["thailand"], 60, 1)
    today = timezone.localdate()
    levels_recompute(today=today)
    levels_recompute(today=today + dt.timedelta(days=1))
    assert FrequencyLevel.objects.get(origin=vn).level == 1
    levels_recompute(today=today + dt.timedelta(days=REVIEW_DAYS))
    assert FrequencyLevel.objects.get(origin=vn).level == 2


def test_level_falls_when_the_excess_is_gone(world, analyst):
    FrequencyLevel.objects.create(
        origin=world["thailand"], commodity_group=world["durian"].group, level=2, computed_on="2026-01-01"
    )
    _results(world, world["thailand"], 30, 0)
    levels_recompute()
    assert FrequencyLevel.objects.get(origin=world["thailand"]).level == 1
