import datetime as dt

import pytest
from django.utils import timezone

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.targeting.models import ControlMeasure
from guomen.targeting.selectors import measures_for_declaration
from guomen.targeting.services import (
    control_measure_create,
    control_measure_extend,
    control_measure_lift,
    measures_expire,
)

from .helpers import result, submit

pytestmark = pytest.mark.django_db


def _measure(world, actor, **overrides):
    values = {
        "scope": "enterprise",
        "enterprise": world["enterprise"],
        "consignments": 3,
        "lift_after_conforming": 2,
        "reason": "泰国榴莲检出南洋臀纹粉蚧",
        "actor": actor,
    }
    return control_measure_create(**{**values, **overrides})


def test_the_very_next_matching_declaration_goes_to_sampling(world, analyst):
    _measure(world, analyst)
    decision = submit(world).decision
    assert decision.channel == "physical_sampling"
    assert "measure" in [r["code"] for r in decision.reasons]


def test_measure_counts_down_the_consignments(world, analyst):
    measure = _measure(world, analyst, consignments=2, lift_after_conforming=2)
    submit(world)
    measure.refresh_from_db()
    assert measure.remaining == 1
    submit(world)
    measure.refresh_from_db()
    assert measure.remaining == 0
    assert submit(world).decision.channel == "document"  # nothing left to route


def test_measure_lifts_itself_after_m_consecutive_conforming_results(world, analyst):
    measure = _measure(world, analyst, consignments=3, lift_after_conforming=2)
    first, second = submit(world), submit(world)
    result(first, "conforming")
    measure.refresh_from_db()
    assert measure.status == "active" and measure.conforming_streak == 1
    result(second, "conforming")
    measure.refresh_from_db()
    assert measure.status == "lifted"
    assert AuditEvent.objects.filter(verb="targeting.measure_lifted_conforming").count() == 1
    assert submit(world).decision.channel == "document"


def test_non_conforming_result_restarts_the_run_and_keeps_inspecting(world, analyst):
    measure = _measure(world, analyst, consignments=2, lift_after_conforming=2)
    first, second = submit(world), submit(world)
    result(first, "conforming")
    result(second, "non_conforming")
    measure.refresh_from_db()
    assert measure.status == "active" and measure.conforming_streak == 0
    assert measure.remaining == 2  # two more must be inspected
    assert submit(world).decision.channel == "physical_sampling"


def test_the_same_result_counts_once(world, analyst):
    measure = _measure(world, analyst, lift_after_conforming=2)
    declaration = submit(world)
    result(declaration, "conforming")
    result(declaration, "conforming")
    measure.refresh_from_db()
    assert measure.conforming_streak == 1


def test_measure_ends_on_its_end_date(world, analyst):
    today = timezone.localdate()
    measure = _measure(world, analyst, ends_on=today)
    assert measures_expire(today=today + dt.timedelta(days=1)) == 1
    measure.refresh_from_db()
    assert measure.status == "lifted"
    assert AuditEvent.objects.filter(verb="targeting.measure_lifted_end_date").exists()


def test_measure_past_its_end_date_no_longer_applies_even_before_the_task_runs(world, analyst):
    measure = _measure(world, analyst)
    ControlMeasure.objects.filter(pk=measure.pk).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    assert submit(world).decision.channel == "document"


def test_extension_adds_consignments_and_is_audited(world, analyst):
    measure = _measure(world, analyst, consignments=1, lift_after_conforming=1)
    submit(world)
    control_measure_extend(measure=measure, actor=analyst, reason="再抽5批", more_consignments=5)
    measure.refresh_from_db()
    assert measure.remaining == 5
    event = AuditEvent.objects.get(verb="targeting.measure_extended")
    assert event.before["consignments"] == 1 and event.after["consignments"] == 6
    assert event.reason == "再抽5批"


def test_manual_lift_needs_a_reason_and_is_audited(world, analyst):
    measure = _measure(world, analyst)
    with pytest.raises(ValidationFailed):
        control_measure_lift(measure=measure, actor=analyst, reason="")
    control_measure_lift(measure=measure, actor=analyst, reason="通报撤销")
    assert AuditEvent.objects.get(verb="targeting.measure_lifted_manual").reason == "通报撤销"
    assert submit(world).decision.channel == "document"


def test_creation_is_audited_with_its_source(world, analyst):
    measure = _measure(world, analyst, source_ref="risk.earlywarning:12")
    event = AuditEvent.objects.get(verb="targeting.measure_created")
    assert event.object_id == str(measure.pk)
    assert event.after["source_ref"] == "risk.earlywarning:12"


def test_same_source_gives_back_the_measure_in_force(world, analyst):
    first = _measure(world, analyst, source_ref="risk.earlywarning:12")
    assert _measure(world, analyst, source_ref="risk.earlywarning:12") == first
    assert ControlMeasure.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"enterprise": None}, "enterprise"),
        ({"scope": "production_base"}, "production_base"),
        ({"scope": "origin_commodity"}, "origin"),
        ({"consignments": 0}, "consignments"),
        ({"lift_after_conforming": 5}, "lift_after_conforming"),
        ({"reason": " "}, "reason"),
        ({"scope": "planet"}, "scope"),
    ],
)
def test_bad_measure_is_refused_naming_the_field(world, analyst, overrides, field):
    with pytest.raises(ValidationFailed) as caught:
        _measure(world, analyst, **overrides)
    assert field in caught.value.fields
    assert not ControlMeasure.objects.exists()


def test_origin_commodity_measure_matches_by_hs_prefix(world, analyst):
    _measure(world, analyst, scope="origin_commodity", origin=world["thailand"], hs_prefix="0810")
    assert submit(world).decision.channel == "physical_sampling"
    assert submit(world, origin_country="VN").decision.channel != "physical_sampling"


def test_production_base_measure_matches_lines_naming_the_base(world, analyst):
    _measure(world, analyst, scope="production_base", production_base=world["base"])
    assert submit(world).decision.channel == "physical_sampling"


def test_dossier_lists_open_measures_of_the_declaration(world, analyst):
    measure = _measure(world, analyst)
    declaration = submit(world)
    assert measures_for_declaration(declaration) == [measure]


def test_inspector_cannot_impose_a_measure(world):
    with pytest.raises(PermissionDenied):
        _measure(world, world["inspector"])
