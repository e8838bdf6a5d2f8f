"""POST /api/v1/declarations/ephyto, the upload page, the declaration page's ePhyto panel, the command."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.declarations.models import PhytoCertificate
from guomen.declarations.tests.ephyto_factories import (
    BILLION_LAUGHS,
    CERTIFICATE,
    certificate_bytes,
    matching_declaration,
    to_china,
    without_consignor,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/declarations/ephyto"


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _send(client, data: bytes, query: str = ""):
    return client.post(URL + query, data, content_type="application/xml")


def test_xml_body_is_stored_and_matched(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    response = _send(_client(inspector), to_china())
    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["declaration"], body["mismatches"]) == ("123ABC", declaration.number, [])
    assert body["warnings"] and all(w["level"] == "warning" for w in body["warnings"])


def test_multipart_file_with_declaration_parameter(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"], number="OTHER-1")
    upload = SimpleUploadedFile("cert.xml", certificate_bytes(), content_type="text/xml")
    response = _client(inspector).post(f"{URL}?declaration={declaration.number}", {"file": upload})
    body = response.json()
    assert response.status_code == 201 and body["declaration"] == declaration.number
    assert any("OTHER-1" in m for m in body["mismatches"])


def test_same_certificate_again_is_200(orgs, inspector):
    _send(_client(inspector), to_china())
    response = _send(_client(inspector), to_china())
    assert response.status_code == 200 and response.json()["created"] is False


def test_missing_consignor_is_422_listing_the_error(inspector):
    response = _send(_client(inspector), without_consignor())
    body = response.json()
    assert response.status_code == 422 and body["code"] == "ephyto_rejected"
    assert any("ConsignorSPSParty" in m for m in body["fields"]["file"])


def test_entity_expansion_is_422_never_500(inspector):
    response = _send(_client(inspector), BILLION_LAUGHS)
    assert response.status_code == 422
    assert "DOCTYPE" in response.json()["fields"]["file"][0]


def test_api_key_of_a_system_client(orgs):
    from guomen.accounts.services import api_key_create

    matching_declaration(orgs["WJD"])
    _key, raw = api_key_create(name="ePhyto hub", org_code="WJD")
    response = Client().post(URL, to_china(), content_type="application/xml", HTTP_X_API_KEY=raw)
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("inspector", 201),
        ("lab_analyst", 403),
        ("enterprise", 201),
        ("other_inspector", 422),
    ],
)
def test_api_matrix(orgs, make_user, inspector, lab_analyst, other_inspector, who, status):
    declaration = matching_declaration(orgs["WJD"])
    users = {
        "anonymous": None,
        "inspector": inspector,
        "lab_analyst": lab_analyst,
        "enterprise": make_user(Role.ENTERPRISE, None, enterprise=declaration.declarant),
        "other_inspector": other_inspector,
    }
    assert _send(_client(users[who]), to_china(), f"?declaration={declaration.number}").status_code == status


def test_enterprise_cannot_attach_to_someone_elses_declaration(orgs, make_user):
    from guomen.registry.tests.factories import EnterpriseFactory

    declaration = matching_declaration(orgs["WJD"])
    stranger = make_user(Role.ENTERPRISE, None, enterprise=EnterpriseFactory())
    response = _send(_client(stranger), to_china(), f"?declaration={declaration.number}")
    assert response.status_code == 422 and "declaration" in response.json()["fields"]


# --- pages ----------------------------------------------------------------------------------------------


def test_upload_page_stores_and_opens_the_certificate(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    client = _client(inspector)
    upload = SimpleUploadedFile("cert.xml", certificate_bytes(), content_type="text/xml")
    response = client.post(
        reverse("declarations:ephyto_upload"), {"file": upload, "declaration": declaration.number}
    )
    cert = PhytoCertificate.objects.get()
    assert response["Location"] == reverse("declarations:ephyto_detail", args=[cert.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Juan Perez" in page and "EC" in page


def test_upload_page_lists_every_problem_of_a_refused_file(inspector):
    upload = SimpleUploadedFile("cert.xml", without_consignor(), content_type="text/xml")
    response = _client(inspector).post(reverse("declarations:ephyto_upload"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 422
    assert "ConsignorSPSParty" in html and 'data-testid="ephyto-problems"' in html


def test_declaration_page_shows_the_mismatches(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"], origin="CL")
    _send(_client(inspector), certificate_bytes(), f"?declaration={declaration.number}")
    html = _client(inspector).get(reverse("declarations:detail", args=[declaration.number])).content.decode()
    assert 'data-testid="ephyto-mismatch"' in html and "AR" in html


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("inspector", 200), ("lab_analyst", 403)])
def test_upload_page_matrix(inspector, lab_analyst, who, status):
    user = {"anonymous": None, "inspector": inspector, "lab_analyst": lab_analyst}[who]
    assert _client(user).get(reverse("declarations:ephyto_upload")).status_code == status


def test_certificate_page_of_another_jurisdiction_is_404(orgs, inspector, other_inspector):
    matching_declaration(orgs["WJD"])
    cert_id = _send(_client(inspector), to_china()).json()["id"]
    assert (
        _client(other_inspector).get(reverse("declarations:ephyto_detail", args=[cert_id])).status_code == 404
    )


# --- command ------------------------------------------------------------------------------------------


def test_command_imports_the_shared_certificate(orgs, capsys):
    declaration = matching_declaration(orgs["WJD"])
    call_command("import-ephyto", str(CERTIFICATE), "--declaration", declaration.number, "--json")
    body = json.loads(capsys.readouterr().out)
    assert body["accepted"] and body["declaration"] == declaration.number
    assert len(body["mismatches"]) == 1


def test_command_refuses_a_hostile_file(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "bomb.xml"
    path.write_bytes(BILLION_LAUGHS)
    with pytest.raises(CommandError):
        call_command("import-ephyto", str(path))
    assert not PhytoCertificate.objects.exists()
