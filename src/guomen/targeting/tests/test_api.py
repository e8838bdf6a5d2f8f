import pytest
from django.test import Client

from guomen.targeting.tests.factories import SimpleRuleFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_analyst_reads_the_rules(world, analyst):
    rule = SimpleRuleFactory(name="水果", origin_id="TH")
    body = _client(analyst).get("/api/v1/targeting/rules").json()
    assert body[0]["name"] == "水果" and body[0]["origin"] == "TH"
    assert _client(analyst).get(f"/api/v1/targeting/rules/{rule.pk}").json()["channel"] == rule.channel


def test_filter_by_active(world, analyst):
    SimpleRuleFactory(active=False)
    assert _client(analyst).get("/api/v1/targeting/rules", {"active": "true"}).json() == []


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("inspector", 403), ("enterprise_user", 403), ("supervisor", 200)]
)
def test_rule_api_permission_matrix(world, who, status):
    rule = SimpleRuleFactory()
    client = _client(world[who] if who else None)
    assert client.get("/api/v1/targeting/rules").status_code == status
    assert client.get(f"/api/v1/targeting/rules/{rule.pk}").status_code == status


def test_unknown_rule_is_404(world, analyst):
    assert _client(analyst).get("/api/v1/targeting/rules/999999").status_code == 404
