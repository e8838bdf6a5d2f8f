import json

import pytest
from django.test import Client

from guomen.accounts.services import api_key_create
from guomen.clearance.services import clearance_submit
from guomen.declarations.models import Declaration
from guomen.declarations.tests.factories import line_data, submission
from guomen.inspections.models import InspectionTask
from guomen.targeting.models import SimpleRule

pytestmark = pytest.mark.django_db
URL = "/api/v1/declarations"


def _body(world, **overrides) -> dict:
    data = submission(world)
    data["port"] = data.pop("port_code")
    data["arrival_date"] = data["arrival_date"].isoformat()
    data.update(overrides)
    return data


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _post(client, body, **headers):
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def test_submit_returns_201_with_number_status_and_no_targeting_for_the_enterprise(world):
    SimpleRule.objects.create(name="水果", hs_prefix="08", channel="physical", instruction="开箱查验")
    response = _post(_client(world["enterprise_user"]), _body(world))
    assert response.status_code == 201
    body = response.json()
    assert body["number"].startswith("WJD")
    assert body["status"] == "under_inspection"
    assert len(body["verification_code"]) == 6
    assert "decision" not in body


def test_bureau_system_client_gets_the_decision_with_its_reasons_and_instruction(world):
    SimpleRule.objects.create(name="水果", hs_prefix="08", channel="physical", instruction="开箱查验")
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    body = _post(Client(), _body(world), HTTP_X_API_KEY=raw).json()
    assert body["decision"]["channel"] == "physical"
    assert body["decision"]["reasons"][0]["code"] == "rule"
    assert "开箱查验" in body["decision"]["instruction"]


def test_system_client_with_api_key_submits_for_its_port(world):
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    response = _post(Client(), _body(world), HTTP_X_API_KEY=raw)
    assert response.status_code == 201


def test_optional_fields_are_accepted(world):
    body = _body(world, transport_id="粤Z1234港", destination_country="CN")
    body["documents"][0]["issued_on"] = "2026-01-05"
    from guomen.catalog.tests.factories import CountryFactory

    CountryFactory(code="CN")
    assert _post(_client(world["enterprise_user"]), body).status_code == 201
    d = Declaration.objects.get()
    assert d.transport_id == "粤Z1234港" and d.destination_country_id == "CN"
    assert str(d.documents.get().issued_on) == "2026-01-05"


def test_idempotent_replay_returns_the_first_response_and_creates_nothing(world):
    client = _client(world["enterprise_user"])
    first = _post(client, _body(world), HTTP_IDEMPOTENCY_KEY="abc-1")
    again = _post(client, _body(world), HTTP_IDEMPOTENCY_KEY="abc-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert Declaration.objects.count() == 1


def test_same_key_with_another_body_is_refused(world):
    client = _client(world["enterprise_user"])
    _post(client, _body(world), HTTP_IDEMPOTENCY_KEY="abc-2")
    response = _post(client, _body(world, consignor_name="Other"), HTTP_IDEMPOTENCY_KEY="abc-2")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Declaration.objects.count() == 1


def test_keys_are_per_caller(world):
    _post(_client(world["enterprise_user"]), _body(world), HTTP_IDEMPOTENCY_KEY="shared")
    response = _post(_client(world["supervisor"]), _body(world), HTTP_IDEMPOTENCY_KEY="shared")
    assert response.status_code == 201
    assert Declaration.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"lines": [{"hs_code": "999999"}]}, None),  # schema: missing numbers
        ({"port": "NOPE"}, "port"),
        ({"origin_country": "ZZ"}, "origin_country"),
        ({"declarant_uscc": "123456789012345678"}, "declarant_uscc"),
        ({"lines": []}, "lines"),
        ({"transport": "camel"}, "transport"),
        ({"arrival_date": "not-a-date"}, "arrival_date"),
    ],
)
def test_bad_input_is_422_naming_the_field(world, overrides, field):
    response = _post(_client(world["enterprise_user"]), _body(world, **overrides))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    if field:
        assert field in body["fields"]
    assert Declaration.objects.count() == 0


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"hs_code": "999999"}, "lines.0.hs_code"),
        ({"net_weight_kg": 0}, "lines.0.net_weight_kg"),
        ({"quantity": -1}, "lines.0.quantity"),
        ({"value": 0}, "lines.0.value"),
        ({"currency": "XXQ"}, "lines.0.currency"),
        ({"production_base_codes": ["NOPE"]}, "lines.0.production_base_codes"),
        ({"net_weight_kg": "heavy"}, "lines.0.net_weight_kg"),
    ],
)
def test_bad_line_is_422_naming_the_line_field(world, line, field):
    body = _body(world, lines=[line_data(world, **line)])
    response = _post(_client(world["enterprise_user"]), body)
    assert response.status_code == 422
    assert field in response.json()["fields"]


def test_several_bad_fields_are_named_together(world):
    body = _body(world, port="NOPE", origin_country="ZZ", lines=[line_data(world, hs_code="999999")])
    fields = _post(_client(world["enterprise_user"]), body).json()["fields"]
    assert {"port", "origin_country", "lines.0.hs_code"} <= set(fields)


# --- permission matrix --------------------------------------------------------------------------------


def test_anonymous_cannot_submit(world):
    assert _post(Client(), _body(world)).status_code == 401


def test_wrong_role_cannot_submit(world):
    assert _post(_client(world["inspector"]), _body(world)).status_code == 403


def test_other_jurisdiction_cannot_submit_for_our_port(world):
    response = _post(_client(world["other_supervisor"]), _body(world))
    assert response.status_code == 422
    assert "port" in response.json()["fields"]


def test_enterprise_user_of_another_enterprise_cannot_submit_for_us(world):
    response = _post(_client(world["other_enterprise_user"]), _body(world))
    assert response.status_code == 422
    assert "declarant_uscc" in response.json()["fields"]


def _declared(world):
    return clearance_submit(actor=world["enterprise_user"], **submission(world))


def test_get_returns_lines_documents_decision_and_tasks(world):
    SimpleRule.objects.create(name="水果", hs_prefix="08", channel="physical_sampling")
    d = _declared(world)
    body = _client(world["inspector"]).get(f"{URL}/{d.number}").json()
    assert body["status"] == "under_inspection"
    assert body["lines"][0]["hs_code"] == "081060"
    assert body["lines"][0]["production_base_codes"] == [world["base"].code]
    assert body["documents"][0]["type"] == "phytosanitary_certificate"
    assert body["decision"]["channel"] == "physical_sampling"
    assert body["tasks"][0]["id"] == InspectionTask.objects.get().pk


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("enterprise_user", 200),
        ("other_enterprise_user", 404),
        ("inspector", 200),
        ("supervisor", 200),
        ("other_supervisor", 404),
    ],
)
def test_get_is_scoped(world, who, status):
    d = _declared(world)
    client = _client(world[who] if who else None)
    assert client.get(f"{URL}/{d.number}").status_code == status


def test_unknown_number_is_404(world):
    assert _client(world["supervisor"]).get(f"{URL}/NOPE").status_code == 404


@pytest.mark.parametrize(
    ("who", "count"),
    [("enterprise_user", 1), ("other_enterprise_user", 0), ("inspector", 1), ("other_supervisor", 0)],
)
def test_list_is_scoped(world, who, count):
    _declared(world)
    response = _client(world[who]).get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == count


def test_list_anonymous_is_401(world):
    assert Client().get(URL).status_code == 401


def test_list_filters_and_paginates(world):
    released = clearance_submit(
        actor=world["enterprise_user"],
        **submission(world, lines=[line_data(world, hs_code="848180", production_base_codes=[])]),
    )
    _declared(world)
    client = _client(world["supervisor"])
    assert [i["number"] for i in client.get(URL, {"status": "released"}).json()["results"]] == [
        released.number
    ]
    assert client.get(URL, {"channel": "release"}).json()["count"] == 1
    assert client.get(URL, {"origin": "VN"}).json()["count"] == 0
    assert client.get(URL, {"port": "WJD", "origin": "TH"}).json()["count"] == 2
    page = client.get(URL, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1
    assert client.get(URL, {"date_from": "2000-01-01", "date_to": "2000-01-02"}).json()["count"] == 0
