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
    body = _client(analyst).get("/api/v1/targeting/rules").json()["results"]
    assert body[0]["name"] == "水果" and body[0]["origin"] == "TH"
    assert _client(analyst).get(f"/api/v1/targeting/rules/{rule.pk}").json()["channel"] == rule.channel


def test_filter_by_active(world, analyst):
    SimpleRuleFactory(active=False)
    assert _client(analyst).get("/api/v1/targeting/rules", {"show": "active"}).json()["results"] == []
    assert len(_client(analyst).get("/api/v1/targeting/rules", {"show": "inactive"}).json()["results"]) == 1


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


# --- writes and the rest of the API ---------------------------------------------------------------


def _post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def test_analyst_creates_a_rule_profile_with_codes(world, analyst):
    response = _post(
        _client(analyst),
        "/api/v1/targeting/rules",
        {
            "name": "越南 C/D 级",
            "channel": "physical",
            "origin": "VN",
            "credit_grades": ["C", "D"],
            "port": "SZ",
            "percentage": 40,
            "declarant": world["enterprise"].uscc,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["origin"] == "VN" and body["port"] == "SZ" and body["percentage"] == 40
    assert body["declarant"] == world["enterprise"].uscc


def test_unknown_code_in_a_rule_names_the_field(world, analyst):
    response = _post(
        _client(analyst), "/api/v1/targeting/rules", {"name": "x", "channel": "physical", "origin": "QQ"}
    )
    assert response.status_code == 422
    assert "origin" in response.json()["fields"]


def test_rule_patch_with_stale_version_is_a_conflict(world, analyst):
    rule = SimpleRuleFactory()
    client = _client(analyst)
    response = client.patch(
        f"/api/v1/targeting/rules/{rule.pk}",
        {"version": 99, "percentage": 50},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_measure_api_lifecycle(world, analyst):
    client = _client(analyst)
    created = _post(
        client,
        "/api/v1/targeting/measures",
        {
            "scope": "enterprise",
            "enterprise": world["enterprise"].uscc,
            "consignments": 5,
            "lift_after_conforming": 3,
            "reason": "境外通报",
            "source_ref": "risk.earlywarning:1",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    extended = _post(
        client, f"/api/v1/targeting/measures/{pk}/extend", {"reason": "再加", "more_consignments": 2}
    )
    assert extended.json()["consignments"] == 7
    lifted = _post(client, f"/api/v1/targeting/measures/{pk}/lift", {"reason": "撤销"})
    assert lifted.json()["status"] == "lifted"


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [(None, 401, 401), ("inspector", 403, 403), ("enterprise_user", 403, 403), ("supervisor", 200, 422)],
)
def test_measure_api_permission_matrix(world, who, read, write):
    client = _client(world[who] if who else None)
    assert client.get("/api/v1/targeting/measures").status_code == read
    assert (
        _post(
            client,
            "/api/v1/targeting/measures",
            {"scope": "enterprise", "consignments": 1, "lift_after_conforming": 1, "reason": ""},
        ).status_code
        == write
    )


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("inspector", 403), ("supervisor", 403), ("analyst", 202)]
)
def test_train_api_permission_matrix(world, analyst, who, status, settings, tmp_path):
    settings.TARGETING_MODEL_DIR = tmp_path
    user = analyst if who == "analyst" else (world[who] if who else None)
    response = _post(
        _client(user),
        "/api/v1/targeting/models/train",
        {"train_from": "2026-01-01", "train_to": "2026-02-01"},
    )
    assert response.status_code == status


def test_levels_and_models_are_listed_for_analysts(world, analyst):
    client = _client(analyst)
    assert client.get("/api/v1/targeting/levels").json()["results"] == []
    assert client.get("/api/v1/targeting/models").json()["results"] == []


def test_backtest_api_queues_a_job(world, analyst):
    response = _post(
        _client(analyst),
        "/api/v1/targeting/backtests",
        {"date_from": "2026-01-01", "date_to": "2026-02-01", "capacity": 0.1},
    )
    assert response.status_code == 202
    job = _client(analyst).get(f"/api/v1/targeting/jobs/{response.json()['id']}").json()
    assert job["kind"] == "targeting.backtest"


def test_bad_backtest_share_is_422(world, analyst):
    response = _post(
        _client(analyst),
        "/api/v1/targeting/backtests",
        {"date_from": "2026-01-01", "date_to": "2026-02-01", "capacity": 3},
    )
    assert response.status_code == 422 and "capacity" in response.json()["fields"]


def test_unknown_backtest_rules_choice_is_422(world, analyst):
    response = _post(
        _client(analyst),
        "/api/v1/targeting/backtests",
        {"date_from": "2026-01-01", "date_to": "2026-02-01", "rules": "yesterday"},
    )
    assert response.status_code == 422 and "rules" in response.json()["fields"]


def _submitted(world):
    from .helpers import submit

    return submit(world)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("inspector", 403),
        ("enterprise_user", 403),
        ("supervisor", 200),
        ("other_supervisor", 404),
    ],
)
def test_decision_api_permission_matrix(world, who, status):
    declaration = _submitted(world)
    client = _client(world[who] if who else None)
    assert client.get(f"/api/v1/targeting/decisions/{declaration.number}").status_code == status


def test_supervisor_reroutes_through_the_api(world):
    declaration = _submitted(world)
    response = _post(
        _client(world["supervisor"]),
        f"/api/v1/targeting/decisions/{declaration.number}/reroute",
        {"channel": "physical_sampling", "reason": "举报线索"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["channel"] == "physical_sampling" and body["original_channel"] == "document"


@pytest.mark.parametrize(
    ("who", "status"), [("inspector", 403), ("other_supervisor", 404), ("enterprise_user", 403)]
)
def test_reroute_api_permission_matrix(world, who, status):
    declaration = _submitted(world)
    response = _post(
        _client(world[who]),
        f"/api/v1/targeting/decisions/{declaration.number}/reroute",
        {"channel": "physical", "reason": "x"},
    )
    assert response.status_code == status
