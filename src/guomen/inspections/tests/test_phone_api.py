"""API of the phone app: offline sync, photo upload, rectifications — with the permission matrix."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.inspections.services import rectification_create

from .factories import closed_by_colleague, jpeg_with_exif

pytestmark = pytest.mark.django_db


def api(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def sync(client, items):
    return client.post(
        "/api/v1/inspections/sync", json.dumps({"items": items}), content_type="application/json"
    )


def queued(task, key="key-1"):
    return {"key": key, "task_id": task.pk, "outcome": "conforming", "proposed_disposition": "release"}


def test_sync_answers_per_item_and_replays(task, inspector):
    client = api(inspector)
    first = sync(client, [queued(task)]).json()["results"][0]
    again = sync(client, [queued(task)]).json()["results"][0]
    assert (first["status"], again["status"], again["replayed"]) == ("recorded", "recorded", True)


def test_an_item_without_a_key_is_answered_invalid_not_500(task, inspector):
    response = sync(api(inspector), [{**queued(task), "key": ""}])
    result = response.json()["results"][0]
    assert (response.status_code, result["status"], result["replayed"]) == (200, "invalid", False)


def test_sync_conflict_is_visible(task, inspector, supervisor, make_user, orgs):
    closed_by_colleague(task, make_user("inspector", orgs["WJD"]), supervisor)
    result = sync(api(inspector), [queued(task)]).json()["results"][0]
    assert result["status"] == "conflict" and result["message"]


@pytest.mark.parametrize("who,status", [(None, 401), ("lab_analyst", 403), ("enterprise_user", 403)])
def test_sync_permission_matrix(request, task, who, status):
    user = request.getfixturevalue(who) if who else None
    assert sync(api(user), [queued(task)]).status_code == status


def test_sync_other_jurisdiction_gets_not_found_items(task, other_inspector):
    assert sync(api(other_inspector), [queued(task)]).json()["results"][0]["status"] == "not_found"


def test_photo_upload_over_the_api(task, inspector, other_inspector):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def post(user):
        photo = SimpleUploadedFile("a.jpg", jpeg_with_exif(size=(2000, 1000)), content_type="image/jpeg")
        return api(user).post(
            f"/api/v1/inspections/tasks/{task.pk}/photos", {"photo": photo, "latitude": "22.5"}
        )

    response = post(inspector)
    assert response.status_code == 422  # latitude without longitude
    photo = SimpleUploadedFile("a.jpg", jpeg_with_exif(size=(2000, 1000)), content_type="image/jpeg")
    ok = api(inspector).post(f"/api/v1/inspections/tasks/{task.pk}/photos", {"photo": photo})
    assert ok.status_code == 201 and ok.json()["width"] == 1600
    assert post(other_inspector).status_code == 404


def test_enterprise_lists_and_answers_its_rectifications_over_the_api(
    task, inspector, make_user, enterprise_user
):
    item = rectification_create(
        task=task,
        enterprise=task.declaration.declarant,
        subject="标签整改",
        due_date=timezone.localdate() + dt.timedelta(days=2),
        actor=inspector,
    )
    declarant = make_user(Role.ENTERPRISE, enterprise=item.enterprise)
    listed = api(declarant).get("/api/v1/inspections/rectifications").json()["results"]
    assert [r["subject"] for r in listed] == ["标签整改"]
    assert api(enterprise_user).get("/api/v1/inspections/rectifications").json()["results"] == []
    url = f"/api/v1/inspections/rectifications/{item.pk}/answer"
    answered = api(declarant).post(url, {"answer": "已整改"})  # multipart: the answer may carry files
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    denied = api(inspector).post(url, {"answer": "x"})
    assert denied.status_code == 403
    assert Client().get("/api/v1/inspections/rectifications").status_code == 401
