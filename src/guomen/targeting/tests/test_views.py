import pytest
from django.test import Client

from guomen.core.models import AuditEvent
from guomen.targeting.models import SimpleRule
from guomen.targeting.tests.factories import SimpleRuleFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _rule_post(**overrides):
    data = {
        "name": "泰国榴莲",
        "hs_prefix": "081060",
        "origin": "TH",
        "direction": "import",
        "channel": "physical_sampling",
        "instruction": "取样检测",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_analyst_sees_the_rule_table(world, analyst):
    SimpleRuleFactory(name="新鲜水果")
    html = _client(analyst).get("/targeting/rules/").content.decode()
    assert "新鲜水果" in html and "/targeting/rules/new/" in html


def test_supervisor_reads_but_cannot_edit(world):
    SimpleRuleFactory(name="新鲜水果")
    client = _client(world["supervisor"])
    html = client.get("/targeting/rules/").content.decode()
    assert "新鲜水果" in html and "/targeting/rules/new/" not in html
    assert client.get("/targeting/rules/new/").status_code == 403


@pytest.mark.parametrize("who", ["inspector", "enterprise_user"])
def test_other_roles_cannot_see_rules(world, who):
    assert _client(world[who]).get("/targeting/rules/").status_code == 403


def test_anonymous_is_sent_to_login(world):
    assert _client().get("/targeting/rules/").status_code == 302


def test_analyst_creates_a_rule(world, analyst):
    response = _client(analyst).post("/targeting/rules/new/", _rule_post())
    assert response.status_code == 302
    rule = SimpleRule.objects.get()
    assert rule.origin_id == "TH" and rule.channel == "physical_sampling"
    assert AuditEvent.objects.filter(verb="targeting.rule_created").exists()


def test_bad_prefix_is_shown_on_the_field(world, analyst):
    response = _client(analyst).post("/targeting/rules/new/", _rule_post(hs_prefix="x8"))
    assert response.status_code == 422
    assert "hs_prefix" in response.context["form"].errors
    assert not SimpleRule.objects.exists()


def test_analyst_edits_a_rule(world, analyst):
    rule = SimpleRuleFactory(channel="document")
    response = _client(analyst).post(
        f"/targeting/rules/{rule.pk}/", _rule_post(channel="physical", version=rule.version)
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.channel == "physical"


def test_stale_edit_is_refused(world, analyst):
    rule = SimpleRuleFactory(channel="document")
    response = _client(analyst).post(f"/targeting/rules/{rule.pk}/", _rule_post(version=rule.version + 5))
    assert response.status_code == 422
    rule.refresh_from_db()
    assert rule.channel == "document"


def test_analyst_deactivates_a_rule(world, analyst):
    rule = SimpleRuleFactory()
    _client(analyst).post(f"/targeting/rules/{rule.pk}/deactivate/", {"reason": "季节结束"})
    rule.refresh_from_db()
    assert not rule.active


@pytest.mark.parametrize("who", ["supervisor", "inspector", "enterprise_user"])
def test_others_cannot_deactivate(world, who):
    rule = SimpleRuleFactory()
    assert _client(world[who]).post(f"/targeting/rules/{rule.pk}/deactivate/").status_code == 403
    rule.refresh_from_db()
    assert rule.active
