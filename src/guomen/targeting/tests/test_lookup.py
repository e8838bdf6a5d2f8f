"""The plain-SQL reads of one decision return what the ORM would (both databases)."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.declarations.tests.factories import line_data
from guomen.registry.tests.factories import ProductionBaseFactory
from guomen.targeting import lookup
from guomen.targeting.models import OutcomeStat

from .helpers import submit

pytestmark = pytest.mark.django_db


def test_lines_come_in_order_with_their_groups_and_bases(world):
    second = ProductionBaseFactory(country=world["thailand"], code="GAP-TH-2")
    declaration = submit(
        world,
        lines=[
            line_data(world, production_base_codes=[world["base"].code, second.code]),
            line_data(world, hs_code="848180", production_base_codes=[]),
        ],
    )
    lines = lookup.lines_of(declaration.pk)
    assert [(line.line_no, line.hs_id) for line in lines] == [(1, "081060"), (2, "848180")]
    assert lines[0].group_id == world["durian"].group_id and lines[1].group_id is None
    assert {b.code for b in lines[0].bases} == {world["base"].code, "GAP-TH-2"} and lines[1].bases == []
    orm = declaration.lines.get(line_no=1)
    assert lines[0].net_weight_kg == float(orm.net_weight_kg) and lines[0].value == float(orm.value)


def test_outcome_stats_are_read_with_aware_times(world):
    at = timezone.now().replace(microsecond=0) - dt.timedelta(days=3)
    OutcomeStat.objects.create(
        kind="port", key="7", inspected=9, non_conforming=2, last_at=at, last_nc_at=None
    )
    OutcomeStat.objects.create(kind="trader", key="7", inspected=1, non_conforming=0, last_at=at)
    found = lookup.outcome_stats([("port", 7), ("base", 7)])
    assert list(found) == [("port", "7")]  # the trader row shares the key but was not asked for
    row = found[("port", "7")]
    assert (row.inspected, row.non_conforming, row.last_at, row.last_nc_at) == (9, 2, at, None)


def test_base_commodities_lists_each_base_even_without_any(world):
    empty = ProductionBaseFactory(country=world["thailand"])
    found = lookup.base_commodities([world["base"].pk, empty.pk])
    assert found == {world["base"].pk: ["081060"], empty.pk: []}
