import pytest
from django.test import Client

from guomen.accounts.services import api_key_create
from guomen.catalog.tests.factories import (
    CountryFactory,
    HazardFactory,
    HsCodeFactory,
    ImportRequirementFactory,
)
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    heading = HsCodeFactory(code="0810", name_en="Other fruit", name_zh="其他鲜果")
    sub = HsCodeFactory(code="081060", parent=heading)
    HsCodeFactory(code="0810600000", parent=sub)
    pest = HazardFactory(code="PEST-PLALI", name_zh="南洋臀纹粉蚧")
    requirement = ImportRequirementFactory(hs=sub, origin=CountryFactory(code="TH"))
    requirement.pests.add(pest)
    CountryFactory(code="VN")
    return {"sub": sub, "pest": pest}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_gets_401(data):
    for url in ["/api/v1/catalog/hs-codes", "/api/v1/catalog/countries", "/api/v1/catalog/hazards"]:
        assert Client().get(url).status_code == 401


def test_hs_search_by_text_is_paginated(data, inspector):
    body = _client(inspector).get("/api/v1/catalog/hs-codes", {"q": "榴莲", "limit": 1}).json()
    assert body["count"] == 2
    assert [i["code"] for i in body["results"]] == ["081060"]


def test_hs_search_by_code_prefix(data, inspector):
    body = _client(inspector).get("/api/v1/catalog/hs-codes", {"q": "0810.60"}).json()
    assert [i["code"] for i in body["results"]] == ["081060", "0810600000"]


def test_hs_detail_lists_children(data, inspector):
    body = _client(inspector).get("/api/v1/catalog/hs-codes/081060").json()
    assert body["declarable"] is True
    assert body["parent"] == "0810"
    assert [c["code"] for c in body["children"]] == ["0810600000"]


def test_unknown_hs_code_is_404_json(data, inspector):
    response = _client(inspector).get("/api/v1/catalog/hs-codes/999999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_countries_and_groups(data, inspector):
    client = _client(inspector)
    assert [c["code"] for c in client.get("/api/v1/catalog/countries", {"q": "泰国"}).json()["results"]] == [
        "TH"
    ]
    assert client.get("/api/v1/catalog/commodity-groups").json()["results"][0]["code"] == "fresh_fruit"


def test_hazard_detail_with_limits(data, inspector):
    body = _client(inspector).get("/api/v1/catalog/hazards/PEST-PLALI").json()
    assert body["name_zh"] == "南洋臀纹粉蚧"
    assert body["limits"] == []


def test_import_requirements_filtered_by_origin(data, inspector):
    client = _client(inspector)
    body = client.get("/api/v1/catalog/import-requirements", {"origin": "TH", "hs": "0810"}).json()
    assert body["count"] == 1
    assert body["results"][0]["pests"][0]["code"] == "PEST-PLALI"
    assert client.get("/api/v1/catalog/import-requirements", {"origin": "VN"}).json()["count"] == 0


def test_applicable_requirement_walks_up_from_national_code(data, orgs):
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    response = Client().get(
        "/api/v1/catalog/import-requirements/applicable",
        {"hs": "0810600000", "origin": "泰国"},
        HTTP_X_API_KEY=raw,
    )
    assert response.status_code == 200
    assert response.json()["hs_code"] == "081060"


def test_enterprise_user_reads_the_catalogue(data, orgs, make_user):
    user = make_user("enterprise", enterprise=EnterpriseFactory(org=orgs["SZ"]))
    assert _client(user).get("/api/v1/catalog/hs-codes").json()["count"] == 3
