import pytest
from django.core.management import call_command

from guomen.catalog.tests.factories import HazardFactory, ImportRequirementFactory
from guomen.clearance.services import clearance_submit
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.declarations.tests.factories import line_data, submission
from guomen.registry.choices import BaseStatus
from guomen.registry.tests.factories import ProductionBaseFactory
from guomen.targeting.models import SimpleRule
from guomen.targeting.reasons import reason_text
from guomen.targeting.services import rule_create, rule_deactivate, rule_update, rules_load_defaults
from guomen.targeting.tests.factories import SimpleRuleFactory

pytestmark = pytest.mark.django_db


def _decide(world, **overrides):
    d = clearance_submit(actor=world["enterprise_user"], **submission(world, **overrides))
    return d.decision


def _codes(decision):
    return [r["code"] for r in decision.reasons]


def _machine(world):
    return [line_data(world, hs_code="848180", production_base_codes=[])]


def test_default_is_document_check_for_plant_products(world):
    decision = _decide(world)
    assert decision.channel == "document"
    assert _codes(decision) == ["default_plant_animal"]


def test_default_is_release_for_other_goods(world):
    decision = _decide(world, lines=_machine(world))
    assert decision.channel == "release"
    assert _codes(decision) == ["default_release"]


def test_matching_rule_sets_channel_and_instruction(world):
    SimpleRuleFactory(name="榴莲", hs_prefix="081060", channel="physical", instruction="重点查看果柄")
    decision = _decide(world)
    assert decision.channel == "physical"
    assert "重点查看果柄" in decision.instruction
    assert "榴莲" not in decision.reasons[0]["text"]  # inspectors never see the rule's name
    assert decision.explanation["rules"][0]["name"] == "榴莲"


def test_strongest_matching_rule_wins(world):
    SimpleRuleFactory(hs_prefix="08", channel="document")
    SimpleRuleFactory(hs_prefix="0810", channel="physical_sampling")
    SimpleRuleFactory(hs_prefix="08", channel="physical")
    assert _decide(world).channel == "physical_sampling"


@pytest.mark.parametrize(
    ("rule", "applies"),
    [
        ({"hs_prefix": "09"}, False),
        ({"hs_prefix": "", "origin_id": "VN"}, False),
        ({"hs_prefix": "", "origin_id": "TH"}, True),
        ({"hs_prefix": "08", "direction": "export"}, False),
        ({"hs_prefix": "08", "direction": "import"}, True),
        ({"hs_prefix": "08", "active": False}, False),
    ],
)
def test_rule_conditions(world, rule, applies):
    SimpleRuleFactory(channel="physical_sampling", **rule)
    assert (_decide(world).channel == "physical_sampling") is applies


@pytest.mark.parametrize(
    ("status", "code"), [(BaseStatus.SUSPENDED, "base_suspended"), (BaseStatus.REVOKED, "base_revoked")]
)
def test_suspended_or_revoked_base_forces_sampling_whatever_the_rules_say(world, status, code):
    SimpleRuleFactory(hs_prefix="08", channel="release")
    world["base"].status = status
    world["base"].save()
    decision = _decide(world)
    assert decision.channel == "physical_sampling"
    assert code in _codes(decision)
    assert world["base"].code in decision.instruction


def test_requirement_without_access_forces_sampling(world):
    ImportRequirementFactory(hs=world["durian"], origin=world["thailand"], access_granted=False)
    decision = _decide(world)
    assert decision.channel == "physical_sampling"
    assert "no_access" in _codes(decision)


def test_registered_base_required_and_none_named(world):
    ImportRequirementFactory(hs=world["durian"], origin=world["thailand"], registered_base_required=True)
    decision = _decide(world, lines=[line_data(world, production_base_codes=[])])
    assert decision.channel == "physical_sampling"
    assert "unregistered_base" in _codes(decision)


def test_base_not_registered_for_this_commodity_does_not_count(world):
    ImportRequirementFactory(hs=world["durian"], origin=world["thailand"], registered_base_required=True)
    other = ProductionBaseFactory(country=world["thailand"])  # registered for nothing
    decision = _decide(world, lines=[line_data(world, production_base_codes=[other.code])])
    assert "unregistered_base" in _codes(decision)


def test_registered_active_base_satisfies_the_requirement(world):
    pest = HazardFactory(name_zh="南洋臀纹粉蚧", scientific_name="Planococcus lilacinus")
    requirement = ImportRequirementFactory(
        hs=world["durian"], origin=world["thailand"], registered_base_required=True
    )
    requirement.pests.add(pest)
    decision = _decide(world)
    assert "unregistered_base" not in _codes(decision)
    assert decision.channel == "document"
    assert "南洋臀纹粉蚧" in decision.instruction
    assert "输往中华人民共和国" in decision.instruction


def test_decision_is_audited_on_the_declaration(world):
    decision = _decide(world)
    event = AuditEvent.objects.get(verb="declaration.targeted")
    assert event.object_id == str(decision.declaration_id)
    assert event.after["channel"] == "document"


def test_reason_text_follows_the_reader_language(world):
    from django.utils import translation

    SimpleRuleFactory(name="榴莲", hs_prefix="08", channel="physical")
    reason = _decide(world).reasons[0]
    with translation.override("en"):
        assert reason_text(reason) == "Selected by risk targeting: Physical inspection."


# --- the rule table ----------------------------------------------------------------------------------


def test_analyst_creates_a_rule_and_it_is_audited(world, analyst):
    rule = rule_create(name="冷冻肉", hs_prefix="02", channel="physical_sampling", actor=analyst)
    assert AuditEvent.objects.get(verb="targeting.rule_created").object_id == str(rule.pk)


def test_inspector_cannot_create_rules(world):
    with pytest.raises(PermissionDenied):
        rule_create(name="x", hs_prefix="02", channel="physical", actor=world["inspector"])


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"hs_prefix": "8"}, "hs_prefix"),
        ({"hs_prefix": "08ab"}, "hs_prefix"),
        ({"channel": "purple"}, "channel"),
        ({"name": ""}, "name"),
        ({"direction": "up"}, "direction"),
    ],
)
def test_bad_rule_is_refused_naming_the_field(world, analyst, fields, bad):
    values = {"name": "规则", "hs_prefix": "08", "channel": "physical", **fields}
    with pytest.raises(ValidationFailed) as caught:
        rule_create(actor=analyst, **values)
    assert bad in caught.value.fields
    assert not SimpleRule.objects.exists()


def test_rule_update_records_before_and_after(world, analyst):
    rule = SimpleRuleFactory(channel="document")
    rule_update(rule=rule, actor=analyst, channel="physical")
    rule.refresh_from_db()
    assert rule.channel == "physical"
    event = AuditEvent.objects.get(verb="targeting.rule_updated")
    assert event.before["channel"] == "document" and event.after["channel"] == "physical"


def test_stale_rule_update_is_a_conflict(world, analyst):
    rule = SimpleRuleFactory()
    with pytest.raises(Conflict):
        rule_update(rule=rule, actor=analyst, expected_version=rule.version - 1 or 99, channel="document")


def test_deactivated_rule_no_longer_applies(world, analyst):
    rule = SimpleRuleFactory(hs_prefix="08", channel="physical_sampling")
    rule_deactivate(rule=rule, actor=analyst, reason="季节结束")
    assert _decide(world).channel == "document"
    assert AuditEvent.objects.get(verb="targeting.rule_deactivated").reason == "季节结束"


def test_default_rules_load_once(world):
    created, present = rules_load_defaults()
    assert created > 0 and present == 0
    assert rules_load_defaults() == (0, created)


def test_load_default_rules_command(world):
    call_command("load-default-rules")
    assert SimpleRule.objects.filter(hs_prefix="08", channel="physical").exists()
