"""Photos: resized server-side, EXIF stripped, type and size checked, only for tasks under inspection."""

import io

import pytest
from PIL import Image

from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.inspections.services import photo_upload
from guomen.inspections.services.photos import MAX_UPLOAD_BYTES

from .factories import closed_by_colleague, jpeg_with_exif

pytestmark = pytest.mark.django_db


def test_photo_is_resized_and_loses_its_exif(task, inspector):
    photo = photo_upload(
        task=task, data=jpeg_with_exif(), actor=inspector, latitude="22.54", longitude="114.12"
    )
    with photo.image.open("rb") as f:
        data = f.read()
    image = Image.open(io.BytesIO(data))
    assert max(image.size) == 1600 and (photo.width, photo.height) == image.size
    assert not image.getexif() and b"SecretCam" not in data
    assert str(photo.latitude) == "22.540000"


def test_png_with_transparency_becomes_a_jpeg(task, inspector):
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(out, format="PNG")
    photo = photo_upload(task=task, data=out.getvalue(), actor=inspector)
    assert photo.image.name.endswith(".jpg") and (photo.width, photo.height) == (40, 30)


@pytest.mark.parametrize("data", [b"%PDF-1.4 not a photo", b"", b"GIF89a" + b"\0" * 20])
def test_a_file_that_is_not_a_photo_is_refused(task, inspector, data):
    with pytest.raises(ValidationFailed) as exc:
        photo_upload(task=task, data=data, actor=inspector)
    assert "photo" in exc.value.fields


def test_a_gif_is_refused_by_type(task, inspector):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    with pytest.raises(ValidationFailed) as exc:
        photo_upload(task=task, data=out.getvalue(), actor=inspector)
    assert "JPEG" in exc.value.fields["photo"][0]


def test_an_oversized_upload_is_refused(task, inspector):
    with pytest.raises(ValidationFailed) as exc:
        photo_upload(task=task, data=b"\xff" * (MAX_UPLOAD_BYTES + 1), actor=inspector)
    assert "15 MB" in exc.value.fields["photo"][0]


def test_no_photos_once_the_task_is_closed(task, inspector, supervisor, make_user, orgs):
    closed_by_colleague(task, make_user("inspector", orgs["WJD"]), supervisor)
    task.refresh_from_db()
    with pytest.raises(Conflict):
        photo_upload(task=task, data=jpeg_with_exif(size=(20, 20)), actor=inspector)


def test_other_jurisdiction_cannot_add_photos(task, other_inspector):
    with pytest.raises(PermissionDenied):
        photo_upload(task=task, data=jpeg_with_exif(size=(20, 20)), actor=other_inspector)
