import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guomen.catalog.models import Hazard
from guomen.catalog.tests.factories import (
    CountryFactory,
    HazardFactory,
    HsCodeFactory,
    ImportRequirementFactory,
)

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_anonymous_is_sent_to_login(db):
    assert _client().get(reverse("catalog:hs_list")).status_code == 302


def test_hs_list_search_by_text(orgs, inspector):
    HsCodeFactory()
    HsCodeFactory(code="080810", name_en="Apples, fresh", name_zh="鲜苹果")
    page = _client(inspector).get(reverse("catalog:hs_list"), {"q": "榴莲"}).content.decode()
    assert "081060" in page and "080810" not in page


def test_hs_detail_shows_requirements(orgs, inspector):
    requirement = ImportRequirementFactory()
    page = _client(inspector).get(reverse("catalog:hs_detail", args=["081060"])).content.decode()
    assert reverse("catalog:requirement_detail", args=[requirement.pk]) in page


def test_unknown_hs_code_is_404(orgs, inspector):
    assert _client(inspector).get(reverse("catalog:hs_detail", args=["999999"])).status_code == 404


def test_countries_page(orgs, inspector):
    CountryFactory(code="TH")
    assert "泰国" in _client(inspector).get(reverse("catalog:country_list"), {"q": "TH"}).content.decode()


def test_analyst_creates_a_hazard(orgs, analyst):
    response = _client(analyst).post(
        reverse("catalog:hazard_create"),
        {
            "code": "PEST-PLAMI",
            "kind": "quarantine_pest",
            "name_zh": "大洋臀纹粉蚧",
            "scientific_name": "Planococcus minor",
        },
    )
    hazard = Hazard.objects.get(code="PEST-PLAMI")
    assert response.url == reverse("catalog:hazard_detail", args=[hazard.pk])


def test_inspector_cannot_edit_hazards(orgs, inspector):
    hazard = HazardFactory()
    assert _client(inspector).get(reverse("catalog:hazard_edit", args=[hazard.pk])).status_code == 403


def test_hazard_detail_lists_limits_after_adding_one(orgs, analyst):
    hazard = HazardFactory(kind="pesticide_residue", name_zh="毒死蜱")
    HsCodeFactory()
    client = _client(analyst)
    client.post(
        reverse("catalog:limit_create", args=[hazard.pk]), {"hs": "081060", "value": "0.05", "unit": "mg/kg"}
    )
    page = client.get(reverse("catalog:hazard_detail", args=[hazard.pk])).content.decode()
    assert "0.05" in page and "081060" in page


def test_requirement_form_refuses_unknown_pest_codes(orgs, analyst):
    HsCodeFactory()
    country = CountryFactory(code="TH")
    response = _client(analyst).post(
        reverse("catalog:requirement_create"), {"hs": "081060", "origin": country.pk, "pests": "NOPE-1"}
    )
    assert response.status_code == 200
    assert "NOPE-1" in response.content.decode()


def test_requirement_edit_keeps_hs_and_origin(orgs, analyst):
    requirement = ImportRequirementFactory()
    response = _client(analyst).post(
        reverse("catalog:requirement_edit", args=[requirement.pk]),
        {
            "marking": "输往中华人民共和国 ",
            "required_treatment": "冷处理",
            "access_granted": "on",
            "version": 1,
        },
    )
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert (requirement.required_treatment, requirement.hs_id, requirement.version) == ("冷处理", "081060", 2)


def test_hazard_bulk_import_with_bad_row_imports_nothing(orgs, analyst):
    body = "code,kind,name_zh\nP1,quarantine_pest,粉蚧\nP2,dragon,\n".encode()
    page = (
        _client(analyst)
        .post(reverse("catalog:import", args=["hazards"]), {"file": SimpleUploadedFile("h.csv", body)})
        .content.decode()
    )
    assert "nothing was imported" in page
    assert not Hazard.objects.exists()


def test_unsupported_file_type_is_explained(orgs, analyst):
    page = (
        _client(analyst)
        .post(reverse("catalog:import", args=["hazards"]), {"file": SimpleUploadedFile("h.pdf", b"%PDF")})
        .content.decode()
    )
    assert ".csv" in page and "is-invalid" in page
