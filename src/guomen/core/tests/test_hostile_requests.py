"""Reproductions of requests that once answered 500: each now answers 4xx with {code, message, fields}."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guomen.complaints.models import Complaint
from guomen.complaints.tests.factories import complaint_data

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"  # 2**63: past SQLite's and PostgreSQL's bigint


@pytest.fixture
def api(client, admin_user):
    client.force_login(admin_user)
    client.raise_request_exception = False
    return client


def _refused(response, status=None):
    assert response.status_code < 500, response.content[:300]
    assert status is None or response.status_code == status
    body = response.json()
    assert body["code"] and body["message"]
    return body


def test_ephyto_multipart_without_a_file_is_refused(api):
    response = api.post("/api/v1/declarations/ephyto", {"other": "x"})
    _refused(response)


def test_a_negative_offset_is_refused(api):
    _refused(api.get("/api/v1/labs/samples", {"offset": "-1"}), 422)


def test_an_offset_past_bigint_is_refused(api):
    _refused(api.get("/api/v1/declarations", {"offset": HUGE}), 422)


@pytest.mark.parametrize("url", ["/api/v1/catalog/hazards", "/api/v1/registry/enterprises"])
def test_an_offset_or_limit_past_bigint_is_refused(api, url):
    _refused(api.get(url, {"offset": "9223372036854775807"}), 422)
    _refused(api.get(url, {"limit": "9223372036854775807"}), 422)


def test_null_for_a_required_rule_field_is_refused(api, analyst, client):
    from guomen.targeting.tests.factories import SimpleRuleFactory

    rule = SimpleRuleFactory()
    client.force_login(analyst)
    response = client.patch(
        f"/api/v1/targeting/rules/{rule.pk}", json.dumps({"transport": None}), content_type="application/json"
    )
    assert "transport" in _refused(response, 422)["fields"]


def test_multipart_without_a_boundary_is_a_bad_request(client, inspector):
    client.force_login(inspector)
    client.raise_request_exception = False
    response = client.post(reverse("accounts:logout"), data=b"x=1", content_type="multipart/form-data")
    assert response.status_code == 400


def test_multipart_without_a_boundary_on_the_api_is_json(api):
    response = api.post("/api/v1/declarations/ephyto", data=b"x=1", content_type="multipart/form-data")
    _refused(response, 400)


def test_a_json_body_over_the_limit_is_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"name": "x" * 4096})
    response = api.post("/api/v1/targeting/rules", body, content_type="application/json")
    _refused(response, 413)


def _bomb_png(side: int = 20000) -> bytes:
    """A tiny PNG that claims 400 megapixels (one colour, compresses to almost nothing)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def test_a_decompression_bomb_photo_is_refused_on_the_public_form(client, orgs):
    client.raise_request_exception = False
    bomb = SimpleUploadedFile("bomb.png", _bomb_png(), content_type="image/png")
    response = client.post(reverse("complaints:submit"), {**complaint_data(), "photos": [bomb]})
    assert response.status_code < 500
    assert not Complaint.objects.exists()
    assert "像素" in response.content.decode()


def test_a_nul_character_in_json_is_refused_naming_the_field(api):
    body = json.dumps({"name": "水果\x00", "channel": "document"})
    response = api.post("/api/v1/targeting/rules", body, content_type="application/json")
    assert "name" in _refused(response, 422)["fields"]


def test_a_control_character_in_a_query_parameter_is_refused(api):
    assert "q" in _refused(api.get("/api/v1/labs/samples", {"q": "a\x07b"}), 422)["fields"]


def test_a_control_character_in_a_form_field_is_refused_with_its_name(client, orgs):
    response = client.post(reverse("complaints:submit"), {**complaint_data(), "description": "坏了\x00"})
    assert response.status_code == 400 and "description" in response.content.decode()
    assert not Complaint.objects.exists()


def test_too_many_files_are_refused_before_any_is_read(client, orgs, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    photos = [SimpleUploadedFile(f"p{i}.png", b"x", content_type="image/png") for i in range(3)]
    response = client.post(reverse("complaints:submit"), {**complaint_data(), "photos": photos})
    assert response.status_code == 413 and not Complaint.objects.exists()


def test_an_oversized_file_is_stopped_while_it_streams_in(client, orgs, settings):
    settings.GUOMEN_MAX_UPLOAD_FILE_BYTES = 100_000
    photo = SimpleUploadedFile("big.png", b"x" * 300_000, content_type="image/png")
    response = client.post(reverse("complaints:submit"), {**complaint_data(), "photos": [photo]})
    assert response.status_code == 413 and "MB" in response.content.decode()


def test_a_photo_past_the_pixel_limit_is_refused(client, orgs, settings):
    from guomen.complaints.tests.factories import image_bytes

    settings.COMPLAINTS_MAX_PHOTO_PIXELS = 1000
    photo = SimpleUploadedFile("wide.png", image_bytes("PNG", size=(100, 20)), content_type="image/png")
    response = client.post(reverse("complaints:submit"), {**complaint_data(), "photos": [photo]})
    assert "像素过多" in response.content.decode() and not Complaint.objects.exists()


def test_a_declaration_with_too_many_lines_is_refused_before_parsing_them(client, make_user, orgs):
    from guomen.accounts.choices import Role

    client.force_login(make_user(Role.INSPECTOR, orgs["WJD"], username="lines_inspector"))
    line = {"hs_code": "0810909090"}  # incomplete: parsing any line would answer for each of them
    body = {
        "direction": "import",
        "port": "WJD",
        "declarant_uscc": "x",
        "origin_country": "TH",
        "transport": "truck",
        "arrival_date": "2026-12-01",
        "lines": [line] * 40_000,
    }
    response = client.post("/api/v1/declarations", json.dumps(body), content_type="application/json")
    fields = _refused(response, 422)["fields"]
    assert list(fields) == ["lines"] and "200" in fields["lines"][0]
