"""Photos sent with a key made on the phone: stored once, a replay answers with the same photo; a result
queued without signal names its photos by those keys."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from guomen.clearance.services import clearance_sync_results
from guomen.core.errors import Conflict, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.inspections.models import InspectionPhoto, InspectionTask
from guomen.inspections.services import photo_upload
from guomen.inspections.services.photos import MAX_UPLOAD_BYTES

from .factories import closed_by_colleague, jpeg_with_exif, open_task

pytestmark = pytest.mark.django_db


def small_jpeg(color=(30, 120, 30)) -> bytes:
    return jpeg_with_exif(size=(64, 48), color=color)


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def upload(client, task, data=None, key="photo-key-1", *, api=True, name="finding.jpg"):
    """POST a photo the way the phone does (page endpoint) or an API client does, with its key."""
    url = f"/api/v1/inspections/tasks/{task.pk}/photos" if api else f"/inspections/tasks/{task.pk}/photos/"
    photo = SimpleUploadedFile(name, small_jpeg() if data is None else data, content_type="image/jpeg")
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(url, {"photo": photo}, headers=headers)


# --- the service ----------------------------------------------------------------------------------


def test_a_replayed_key_returns_the_same_photo_and_stores_nothing(task, inspector):
    first = photo_upload(task=task, data=small_jpeg(), actor=inspector, key="k-1")
    again = photo_upload(task=task, data=small_jpeg(), actor=inspector, key="k-1")
    assert again.pk == first.pk and (first.replayed, again.replayed) == (False, True)
    assert InspectionPhoto.objects.filter(task=task).count() == 1
    assert AuditEvent.objects.filter(verb="inspection.photo").count() == 1


def test_without_a_key_each_upload_is_a_new_photo(task, inspector):
    photo_upload(task=task, data=small_jpeg(), actor=inspector)
    photo_upload(task=task, data=small_jpeg(), actor=inspector)
    assert InspectionPhoto.objects.filter(task=task).count() == 2


def test_a_key_reused_for_another_photo_is_refused(task, inspector):
    photo_upload(task=task, data=small_jpeg(), actor=inspector, key="k-1")
    with pytest.raises(ValidationFailed) as exc:
        photo_upload(task=task, data=small_jpeg(color=(0, 0, 200)), actor=inspector, key="k-1")
    assert exc.value.code == "idempotency_key_reused" and "key" in exc.value.fields
    assert InspectionPhoto.objects.filter(task=task).count() == 1


def test_keys_belong_to_their_user(task, inspector, make_user, orgs):
    colleague = make_user("inspector", orgs["WJD"])
    mine = photo_upload(task=task, data=small_jpeg(), actor=inspector, key="same")
    theirs = photo_upload(task=task, data=small_jpeg(), actor=colleague, key="same")
    assert mine.pk != theirs.pk and not theirs.replayed


def test_a_replay_after_the_task_was_closed_still_answers_with_the_photo(
    task, inspector, supervisor, make_user, orgs
):
    first = photo_upload(task=task, data=small_jpeg(), actor=inspector, key="k-1")
    closed_by_colleague(task, make_user("inspector", orgs["WJD"]), supervisor)
    task = InspectionTask.objects.get(pk=task.pk)
    assert photo_upload(task=task, data=small_jpeg(), actor=inspector, key="k-1").pk == first.pk


def test_a_new_photo_for_a_task_closed_by_someone_else_is_a_conflict_naming_who(
    task, inspector, supervisor, make_user, orgs
):
    closed_by_colleague(task, make_user("inspector", orgs["WJD"]), supervisor)
    task = InspectionTask.objects.get(pk=task.pk)
    with pytest.raises(Conflict) as exc:
        photo_upload(task=task, data=small_jpeg(), actor=inspector, key="k-1")
    assert "supervisor_sz" in str(exc.value.message) and "照片" in str(exc.value.message)


def test_a_too_long_key_is_refused_in_chinese(task, inspector):
    with pytest.raises(ValidationFailed) as exc:
        photo_upload(task=task, data=small_jpeg(), actor=inspector, key="k" * 201)
    assert "200" in exc.value.fields["key"][0] and "字符" in exc.value.fields["key"][0]


def test_a_keyed_photo_still_loses_its_exif(task, inspector):
    photo = photo_upload(task=task, data=jpeg_with_exif(size=(2400, 1200)), actor=inspector, key="k-1")
    with photo.image.open("rb") as f:
        data = f.read()
    assert b"SecretCam" not in data and not Image.open(io.BytesIO(data)).getexif()
    assert (photo.width, photo.height) == (1600, 800)


# --- over HTTP ------------------------------------------------------------------------------------


@pytest.mark.parametrize("api", [True, False], ids=["api", "page"])
def test_replaying_an_upload_answers_with_the_same_photo(task, inspector, api):
    client = client_for(inspector)
    first = upload(client, task, api=api)
    again = upload(client, task, api=api)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"] and again.json()["replayed"] is True
    assert InspectionPhoto.objects.filter(task=task).count() == 1


@pytest.mark.parametrize("api", [True, False], ids=["api", "page"])
def test_a_file_of_the_wrong_type_is_refused_in_chinese(task, inspector, api):
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    response = upload(client_for(inspector), task, gif.getvalue(), api=api, name="a.gif")
    assert response.status_code == 422
    assert response.json()["fields"]["photo"] == ["仅接受 JPEG、PNG 或 WebP 格式的照片。"]
    assert not InspectionPhoto.objects.exists()


def test_a_refused_key_can_be_used_again_with_a_good_photo(task, inspector):
    client = client_for(inspector)
    assert upload(client, task, b"not a photo").status_code == 422
    assert upload(client, task).status_code == 201


def test_an_oversized_photo_is_refused_in_chinese(task, inspector):
    response = upload(client_for(inspector), task, b"\xff" * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 422
    assert response.json()["fields"]["photo"] == ["照片大于 15 MB。"]


def test_a_closed_task_answers_409_with_the_reason(task, inspector, supervisor, make_user, orgs):
    closed_by_colleague(task, make_user("inspector", orgs["WJD"]), supervisor)
    response = upload(client_for(inspector), task, api=False)
    assert response.status_code == 409 and "supervisor_sz" in response.json()["message"]


@pytest.mark.parametrize(
    "who,status",
    [
        (None, 401),
        ("lab_analyst", 403),
        ("enterprise_user", 404),
        ("other_inspector", 404),
        ("inspector", 201),
    ],
)
def test_api_upload_permission_matrix(request, task, who, status):
    user = request.getfixturevalue(who) if who else None
    assert upload(client_for(user), task).status_code == status
    assert InspectionPhoto.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    "who,status",
    [
        (None, 302),
        ("lab_analyst", 403),
        ("enterprise_user", 404),
        ("other_inspector", 404),
        ("inspector", 201),
    ],
)
def test_page_upload_permission_matrix(request, task, who, status):
    user = request.getfixturevalue(who) if who else None
    assert upload(client_for(user), task, api=False).status_code == status
    assert InspectionPhoto.objects.count() == (1 if status == 201 else 0)


# --- results naming photos by key -----------------------------------------------------------------


def queued_result(task, photo_keys, key="result-1"):
    return {
        "key": key,
        "task_id": task.pk,
        "outcome": "non_conforming",
        "findings": [{"description": "活体粉蚧", "count": 2, "photo_keys": photo_keys}],
        "proposed_disposition": "return",
    }


def test_a_queued_result_attaches_the_photos_named_by_key(task, inspector):
    photo = photo_upload(task=task, data=small_jpeg(), actor=inspector, key="p-1")
    [answer] = clearance_sync_results(items=[queued_result(task, ["p-1"])], actor=inspector)
    assert answer["status"] == "recorded"
    [finding] = InspectionTask.objects.get(pk=task.pk).findings.all()
    assert [p.pk for p in finding.photos.all()] == [photo.pk]


def test_a_result_whose_photo_has_not_arrived_is_kept_for_later(task, inspector):
    [waiting] = clearance_sync_results(items=[queued_result(task, ["p-1"])], actor=inspector)
    assert waiting["status"] == "photos_missing" and "照片" in waiting["message"]
    assert InspectionTask.objects.get(pk=task.pk).status == "open"
    photo_upload(task=task, data=small_jpeg(), actor=inspector, key="p-1")
    [answer] = clearance_sync_results(items=[queued_result(task, ["p-1"])], actor=inspector)
    assert (answer["status"], answer["replayed"]) == ("recorded", False)


def test_a_photo_key_of_another_task_is_not_attached(orgs, task, inspector):
    photo_upload(task=open_task(orgs["WJD"]), data=small_jpeg(), actor=inspector, key="p-1")
    [answer] = clearance_sync_results(items=[queued_result(task, ["p-1"])], actor=inspector)
    assert answer["status"] == "photos_missing"
    assert "findings.0.photos" in answer["fields"]


def test_sync_over_the_api_accepts_photo_keys(task, inspector):
    client = client_for(inspector)
    assert upload(client, task, key="p-1").status_code == 201
    body = json.dumps({"items": [queued_result(task, ["p-1"])]})
    response = client.post("/api/v1/inspections/sync", body, content_type="application/json")
    assert response.json()["results"][0]["status"] == "recorded"
    assert InspectionPhoto.objects.get(task=task).finding is not None
