"""Solid waste imported as raw material is released only to a registered domestic consignee."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.catalog.tests.factories import HsCodeFactory
from guomen.clearance.facts import facts_load
from guomen.clearance.rules import evaluate
from guomen.portlines.models import WasteConsignee

from .helpers import fresh


def _holder(task):
    d = task.declaration
    return d.consignee if d.consignee_id else d.declarant


@pytest.fixture
def waste_goods(clean_task):
    """The consignment's first line is waste paper (HS 4707)."""
    line = clean_task.declaration.lines.order_by("line_no").first()
    line.hs = HsCodeFactory(code="470710", name_en="Waste paper, unbleached kraft", name_zh="未漂白牛皮废纸")
    line.save()
    return clean_task


def _broken(task):
    task = fresh(task)
    return {b.code: b for b in evaluate(facts_load(task.declaration, task=task))}.get(
        "waste_consignee_not_registered"
    )


def _registration(task, status, days_ago=30):
    holder = _holder(task)
    return WasteConsignee.objects.create(
        enterprise=holder,
        org=holder.org,
        materials="废纸",
        applied_on=timezone.localdate() - dt.timedelta(days=days_ago + 10),
        registered_on=timezone.localdate() - dt.timedelta(days=days_ago),
        number="A440320260001",
        status=status,
    )


def test_other_goods_need_no_registration(clean_task):
    assert _broken(clean_task) is None


def test_waste_for_an_unregistered_consignee_is_a_hard_stop_naming_line_and_holder(waste_goods):
    broken = _broken(waste_goods)
    assert broken.severity == "hard_stop"
    assert "470710" in broken.evidence[0] and _holder(waste_goods).name_zh in broken.evidence[0]


@pytest.mark.parametrize("status", ["applied", "suspended", "cancelled"])
def test_a_registration_not_in_force_does_not_count(waste_goods, status):
    _registration(waste_goods, status)
    assert _broken(waste_goods) is not None


def test_a_registered_consignee_receives_waste(waste_goods):
    _registration(waste_goods, "registered")
    assert _broken(waste_goods) is None


def test_the_rule_adds_at_most_one_statement(waste_goods, django_assert_max_num_queries):
    declaration = fresh(waste_goods).declaration
    with django_assert_max_num_queries(13):
        facts_load(declaration)
