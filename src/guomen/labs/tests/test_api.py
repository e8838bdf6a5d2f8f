"""The /api/v1/labs endpoints: the whole path, errors as {code, message, fields}, the permission matrix."""

import json

import pytest
from django.test import Client

from guomen.accounts.choices import Role
from guomen.labs.tests.factories import mealybug, register, to_received

pytestmark = pytest.mark.django_db
API = "/api/v1/labs"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _post(client, path, body):
    return client.post(API + path, json.dumps(body), content_type="application/json")


def _body(task, lab, **overrides):
    data = {
        "task_id": task.pk,
        "sample_type": "fruit_vegetable",
        "quantity": "2",
        "unit": "kg",
        "tests": ["pesticide_residues"],
        "laboratory": lab.code,
    }
    data.update(overrides)
    return data


def test_register_returns_201_with_number_and_due_date(task, inspector, lab):
    response = _post(_client(inspector), "/samples", _body(task, lab))
    assert response.status_code == 201
    body = response.json()
    assert body["number"].startswith("YPWJD") and body["status"] == "registered"
    assert body["declaration"] == task.declaration.number


def test_bad_registration_is_422_naming_the_field(task, inspector, lab):
    response = _post(_client(inspector), "/samples", _body(task, lab, tests=[]))
    assert response.status_code == 422
    assert "tests" in response.json()["fields"]


def test_whole_path_over_the_api(task, inspector, lab, lab_analyst, second_analyst, residue):
    sample = _post(_client(inspector), "/samples", _body(task, lab)).json()
    for step in ("sealed", "handed_over"):
        assert (
            _post(
                _client(inspector),
                f"/samples/{sample['id']}/custody",
                {"step": step, "code": sample["number"]},
            ).status_code
            == 200
        )
    analyst = _client(lab_analyst)
    assert _post(analyst, "/receive", {"code": sample["number"]}).json()["status"] == "received"
    result = {"test": "pesticide_residues", "analyte": "CHLORPYRIFOS", "value": "80", "unit": "μg/kg"}
    body = _post(analyst, f"/samples/{sample['id']}/results", result).json()
    assert body["items"][0]["verdict"] == "non_conforming"
    assert _post(analyst, f"/samples/{sample['id']}/submit", {}).json()["status"] == "results_entered"
    assert _post(analyst, f"/samples/{sample['id']}/approve", {}).status_code == 403
    approved = _post(_client(second_analyst), f"/samples/{sample['id']}/approve", {}).json()
    assert (approved["status"], approved["verdict"]) == ("approved", "non_conforming")
    listed = _client(inspector).get(f"{API}/tasks/{task.pk}/samples").json()["results"]
    assert listed[0]["verdict"] == "non_conforming"


def test_wrong_scan_is_422_on_code(task, inspector, lab):
    sample = register(task, inspector, lab)
    response = _post(_client(inspector), f"/samples/{sample.pk}/custody", {"step": "sealed", "code": "XYZ"})
    assert response.status_code == 422 and "code" in response.json()["fields"]


def test_illegal_step_is_409(task, inspector, lab):
    sample = register(task, inspector, lab)
    response = _post(
        _client(inspector), f"/samples/{sample.pk}/custody", {"step": "handed_over", "code": sample.number}
    )
    assert response.status_code == 409


def test_detected_pest_over_the_api(task, inspector, lab, lab_analyst):
    mealybug()
    sample = to_received(
        register(task, inspector, lab, tests=["pest_identification"]), inspector, lab_analyst
    )
    body = _post(
        _client(lab_analyst),
        f"/samples/{sample.pk}/results",
        {"test": "pest_identification", "analyte": "PLANLI", "detected": True},
    ).json()
    assert body["items"][0]["verdict"] == "non_conforming"


# --- permission matrix -------------------------------------------------------------------------------


@pytest.fixture
def users(orgs, make_user, inspector, lab_analyst, other_inspector):
    return {
        "anonymous": None,
        "inspector": inspector,
        "lab_analyst": lab_analyst,
        "other_inspector": other_inspector,
        "enterprise": make_user(Role.ENTERPRISE, None),
        "risk_analyst": make_user(Role.RISK_ANALYST, orgs["SZ"]),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("inspector", 201),
        ("lab_analyst", 403),
        ("other_inspector", 404),
        ("enterprise", 404),
        ("risk_analyst", 403),
    ],
)
def test_register_matrix(task, lab, users, who, status):
    assert _post(_client(users[who]), "/samples", _body(task, lab)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("inspector", 200),
        ("lab_analyst", 200),
        ("other_inspector", 404),
        ("enterprise", 404),
        ("risk_analyst", 200),
    ],
)
def test_read_matrix(task, inspector, lab, users, who, status):
    sample = register(task, inspector, lab)
    assert _client(users[who]).get(f"{API}/samples/{sample.pk}").status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("inspector", 403),
        ("lab_analyst", 200),
        ("other_inspector", 403),
        ("enterprise", 403),
        ("risk_analyst", 403),
    ],
)
def test_receive_matrix(task, inspector, lab, users, who, status):
    sample = register(task, inspector, lab)
    from guomen.labs.services import sample_custody

    sample_custody(sample=sample, step="sealed", scanned_code=sample.number, actor=inspector)
    sample_custody(sample=sample, step="handed_over", scanned_code=sample.number, actor=inspector)
    assert _post(_client(users[who]), "/receive", {"code": sample.number}).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("inspector", 403),
        ("lab_analyst", 200),
        ("other_inspector", 404),
        ("enterprise", 404),
        ("risk_analyst", 403),
    ],
)
def test_result_matrix(task, inspector, lab, lab_analyst, users, residue, who, status):
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    body = {"test": "pesticide_residues", "analyte": "CHLORPYRIFOS", "value": "0.01", "unit": "mg/kg"}
    assert _post(_client(users[who]), f"/samples/{sample.pk}/results", body).status_code == status


@pytest.mark.parametrize(
    ("who", "count"), [("inspector", 1), ("lab_analyst", 1), ("other_inspector", 0), ("enterprise", 0)]
)
def test_list_matrix(task, inspector, lab, users, who, count):
    register(task, inspector, lab)
    assert len(_client(users[who]).get(f"{API}/samples").json()["results"]) == count
