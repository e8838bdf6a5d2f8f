"""Each condition of a rule profile, its percentage and its validity."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.catalog.tests.factories import CommodityGroupFactory
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory
from guomen.targeting.draws import draw
from guomen.targeting.models import OutcomeStat

from .factories import RuleProfileFactory
from .helpers import submit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _sampled(world, **overrides) -> bool:
    return submit(world, **overrides).decision.channel == "physical_sampling"


def _rule(**conditions):
    return RuleProfileFactory(hs_prefix="", channel="physical_sampling", **conditions)


def test_commodity_group_condition(world):
    _rule(commodity_group=world["durian"].group)
    assert _sampled(world)


def test_other_commodity_group_does_not_apply(world):
    _rule(commodity_group=CommodityGroupFactory(code="meat", name_zh="肉类", name_en="Meat"))
    assert not _sampled(world)


@pytest.mark.parametrize(("who", "applies"), [("enterprise", True), ("other_enterprise", False)])
def test_declarant_condition(world, who, applies):
    _rule(declarant=world[who])
    assert _sampled(world) is applies


def test_consignee_condition(world):
    consignee = EnterpriseFactory()
    _rule(consignee=consignee)
    assert not _sampled(world)
    assert _sampled(world, consignee_uscc=consignee.uscc)


def test_production_base_condition(world):
    _rule(production_base=world["base"])
    assert _sampled(world)
    other = ProductionBaseFactory(country=world["thailand"])
    other.commodities.add(world["durian"])
    from guomen.declarations.tests.factories import line_data

    assert not _sampled(world, lines=[line_data(world, production_base_codes=[other.code])])


@pytest.mark.parametrize(("grades", "applies"), [(["C", "D"], False), (["A"], True)])
def test_credit_grade_condition(world, grades, applies):
    _rule(credit_grades=grades)  # the factory's enterprise has the default grade A
    assert _sampled(world) is applies


@pytest.mark.parametrize(
    ("classes", "klass", "applies"), [(["III", "IV"], "IV", True), (["III"], "I", False)]
)
def test_enterprise_class_condition(world, classes, klass, applies):
    world["enterprise"].classification = klass
    world["enterprise"].save()
    _rule(enterprise_classes=classes)
    assert _sampled(world) is applies


@pytest.mark.parametrize(("transport", "applies"), [("truck", True), ("air", False)])
def test_transport_condition(world, transport, applies):
    _rule(transport=transport)
    assert _sampled(world) is applies


def test_port_condition_covers_the_units_below(world):
    _rule(port=world["SZ"])
    assert _sampled(world)  # WJD is below 深圳局


def test_port_condition_elsewhere_does_not_apply(world):
    _rule(port=world["GZ"])
    assert not _sampled(world)


def test_unit_value_anomaly_condition(world):
    from guomen.declarations.tests.factories import line_data

    _rule(unit_value_anomaly=True)
    OutcomeStat.objects.create(kind="hs", key="081060", value_median=3.0, value_low=2.0, value_high=4.0)
    assert not _sampled(world)  # 54000 / 18000 kg = 3.0 per kg: usual
    assert _sampled(world, lines=[line_data(world, value="9000")])  # 0.5 per kg: undervalued


def test_weight_anomaly_condition(world):
    from guomen.declarations.tests.factories import line_data

    _rule(weight_anomaly=True)
    OutcomeStat.objects.create(
        kind="hs", key="081060", weight_median=18000, weight_low=5000, weight_high=25000
    )
    assert not _sampled(world)
    assert _sampled(world, lines=[line_data(world, net_weight_kg="90000", value="270000")])


def test_percentage_applies_to_the_drawn_share_only(world):
    rule = _rule(percentage=50)
    decision = submit(world).decision
    expected = draw(decision.declaration.number, f"rule:{rule.pk}") < 0.5
    assert (decision.channel == "physical_sampling") is expected
    assert decision.explanation["rules"][0]["drawn"] is expected


def test_percentage_draw_is_about_right_over_many_numbers():
    hits = sum(draw(f"WJD20261121{n:06d}", "rule:7") < 0.3 for n in range(5000))
    assert 0.27 < hits / 5000 < 0.33


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "applies"),
    [(-1, 1, True), (1, 5, False), (-5, -1, False), (None, 0, True)],
)
def test_validity_dates(world, valid_from, valid_to, applies):
    day = lambda n: None if n is None else TODAY() + dt.timedelta(days=n)  # noqa: E731
    _rule(valid_from=day(valid_from), valid_to=day(valid_to))
    assert _sampled(world) is applies


def test_inspector_sees_the_instruction_not_the_rule(world):
    RuleProfileFactory(
        name="泰国榴莲高风险果园专项", hs_prefix="0810", channel="physical", instruction="剖果检查果肉"
    )
    decision = submit(world).decision
    visible = " ".join(r["text"] for r in decision.reasons) + decision.instruction
    assert "剖果检查果肉" in decision.instruction
    assert "专项" not in visible


def test_rule_change_applies_to_the_next_declaration_without_restart(world, analyst):
    from guomen.targeting.services import rule_update

    rule = RuleProfileFactory(hs_prefix="0810", channel="document")
    assert submit(world).decision.channel == "document"
    rule_update(rule=rule, actor=analyst, channel="physical_sampling")
    assert _sampled(world)


def test_unknown_port_code_in_a_rule_is_refused_by_the_api_resolver(world):
    from guomen.core.errors import ValidationFailed
    from guomen.targeting.refs import resolve

    with pytest.raises(ValidationFailed) as caught:
        resolve({"port": "NOPE"})
    assert "port" in caught.value.fields
