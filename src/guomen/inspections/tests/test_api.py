import pytest
from django.test import Client

from guomen.accounts.services import api_key_create
from guomen.inspections.models import InspectionTask

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def url(task=None, action=""):
    base = "/api/v1/inspections/tasks"
    return base if task is None else f"{base}/{task.pk}{'/' + action if action else ''}"


def result_body(task, **overrides):
    body = {
        "outcome": "non_conforming",
        "notes": "",
        "proposed_disposition": "return",
        "findings": [{"hazard_code": None, "description": "活体粉蚧", "count": 3}],
        "expected_version": task.version,
    }
    body.update(overrides)
    return body


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def recorded(task, inspector):
    response = post(client_for(inspector), url(task, "result"), result_body(task))
    assert response.status_code == 200, response.content
    return InspectionTask.objects.get(pk=task.pk)


# --- reading --------------------------------------------------------------------------------------


def test_list_gives_my_open_tasks(task, inspector):
    body = client_for(inspector).get(url()).json()["results"]
    assert [t["declaration_number"] for t in body] == [task.declaration.number]
    assert body[0]["channel"] == "physical"
    assert body[0]["commodities"] == ["081060"]


def test_anonymous_gets_401(task):
    response = Client().get(url())
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


@pytest.mark.parametrize("who", ["lab_analyst", "enterprise_user"])
def test_roles_that_do_not_inspect_get_403_on_the_list(task, who, request):
    response = client_for(request.getfixturevalue(who)).get(url())
    assert response.status_code == 403
    assert set(response.json()) == {"code", "message", "fields"}


def test_other_jurisdiction_gets_an_empty_list_and_404_on_the_task(task, other_inspector):
    client = client_for(other_inspector)
    assert client.get(url()).json()["results"] == []
    response = client.get(url(task))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_enterprise_user_cannot_read_a_task(task, enterprise_user):
    assert client_for(enterprise_user).get(url(task)).status_code == 404


def test_system_client_key_of_another_unit_sees_nothing(task):
    _key, raw = api_key_create(name="广州系统", org_code="BY")
    assert Client().get(url(task), HTTP_X_API_KEY=raw).status_code == 404


def test_detail_carries_version_and_declarant_credit(task, inspector):
    body = client_for(inspector).get(url(task)).json()
    assert body["version"] == task.version
    assert body["credit_grade"] == "A"
    assert body["instruction"] == "开箱查验，重点检查介壳虫"


# --- writing --------------------------------------------------------------------------------------


def test_recording_a_result(task, inspector):
    response = post(client_for(inspector), url(task, "result"), result_body(task))
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "awaiting_confirmation"
    assert body["declaration_status"] == "pending_disposition"
    finding = body["findings"][0]
    assert (finding["description"], finding["count"], finding["photos"]) == ("活体粉蚧", 3, [])
    assert finding["found_at"]  # the time of the finding is kept


def test_invalid_result_is_422_naming_fields(task, inspector):
    response = post(
        client_for(inspector),
        url(task, "result"),
        result_body(task, outcome="conforming", findings=[], proposed_disposition="destroy"),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert "proposed_disposition" in response.json()["fields"]


def test_missing_expected_version_is_422(task, inspector):
    body = result_body(task)
    del body["expected_version"]
    response = post(client_for(inspector), url(task, "result"), body)
    assert response.status_code == 422
    assert "expected_version" in response.json()["fields"]


def test_second_result_on_the_same_task_is_409(task, inspector, make_user, orgs):
    recorded(task, inspector)
    colleague = client_for(make_user("inspector", orgs["WJD"], username="colleague"))
    response = post(
        colleague,
        url(task, "result"),
        result_body(task, outcome="conforming", findings=[], proposed_disposition="release"),
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_stale_version_is_409(task, inspector):
    response = post(
        client_for(inspector), url(task, "result"), result_body(task, expected_version=task.version + 5)
    )
    assert response.status_code == 409


def test_lab_analyst_cannot_record(task, lab_analyst):
    response = post(client_for(lab_analyst), url(task, "result"), result_body(task))
    assert response.status_code == 403


def test_other_jurisdiction_cannot_record(task, other_inspector):
    assert post(client_for(other_inspector), url(task, "result"), result_body(task)).status_code == 404


def test_start_assigns_me(task, inspector):
    body = post(client_for(inspector), url(task, "start"), {}).json()
    assert (body["status"], body["assignee"]) == ("in_progress", "inspector_wjd")


def test_supervisor_confirms(task, inspector, supervisor):
    task = recorded(task, inspector)
    response = post(
        client_for(supervisor),
        url(task, "confirm"),
        {"disposition": "return", "expected_version": task.version},
    )
    assert response.status_code == 200
    assert response.json()["declaration_status"] == "returned"
    assert response.json()["confirmed_by"] == "supervisor_sz"


def test_confirm_with_stale_version_is_409(task, inspector, supervisor):
    task = recorded(task, inspector)
    response = post(
        client_for(supervisor),
        url(task, "confirm"),
        {"disposition": "return", "expected_version": task.version - 1},
    )
    assert response.status_code == 409


@pytest.mark.parametrize("who", ["inspector", "lab_analyst"])
def test_non_supervisors_cannot_confirm(task, inspector, who, request):
    task = recorded(task, inspector)
    response = post(
        client_for(request.getfixturevalue(who)),
        url(task, "confirm"),
        {"disposition": "return", "expected_version": task.version},
    )
    assert response.status_code == 403


def test_other_branch_supervisor_cannot_confirm(task, inspector, by_supervisor):
    task = recorded(task, inspector)
    response = post(
        client_for(by_supervisor),
        url(task, "confirm"),
        {"disposition": "return", "expected_version": task.version},
    )
    assert response.status_code == 404


def test_send_back(task, inspector, supervisor):
    task = recorded(task, inspector)
    response = post(client_for(supervisor), url(task, "send-back"), {"reason": "请补充照片"})
    assert response.json()["status"] == "in_progress"
    assert response.json()["declaration_status"] == "under_inspection"


def test_send_back_without_reason_is_422(task, inspector, supervisor):
    task = recorded(task, inspector)
    response = post(client_for(supervisor), url(task, "send-back"), {"reason": ""})
    assert response.status_code == 422
    assert "reason" in response.json()["fields"]
