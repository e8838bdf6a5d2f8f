import pytest
from django.test import Client

from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(orgs, make_user):
    mine = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳鲜果公司")
    other = EnterpriseFactory(org=orgs["BY"], name_zh="广州冻品公司")
    base = ProductionBaseFactory(code="GAP-TH-1", enterprise=mine)
    base.commodities.add(HsCodeFactory())
    ProductionBaseFactory(code="GAP-VN-1", country=CountryFactory(code="VN"), status="suspended")
    return {"mine": mine, "other": other, "ent_user": make_user("enterprise", enterprise=mine)}


def _get(user, url, **params):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url, params)


def test_anonymous_gets_401(world):
    assert _get(None, "/api/v1/registry/enterprises").status_code == 401
    assert _get(None, "/api/v1/registry/production-bases").status_code == 401


def test_enterprise_search_paginated(world, inspector):
    body = _get(inspector, "/api/v1/registry/enterprises", q="鲜果").json()
    assert body["count"] == 1
    assert body["results"][0]["uscc"] == world["mine"].uscc


def test_other_jurisdiction_staff_reads_enterprises(world, other_inspector):
    assert _get(other_inspector, "/api/v1/registry/enterprises").json()["count"] == 2


def test_enterprise_user_sees_only_itself(world):
    assert _get(world["ent_user"], "/api/v1/registry/enterprises").json()["count"] == 1
    response = _get(world["ent_user"], f"/api/v1/registry/enterprises/{world['other'].uscc}")
    assert response.status_code == 404


def test_enterprise_by_uscc_lists_its_bases(world, inspector):
    body = _get(inspector, f"/api/v1/registry/enterprises/{world['mine'].uscc.lower()}").json()
    assert body["production_bases"] == ["GAP-TH-1"]
    assert body["org"] == "WJD"


def test_production_bases_filters(world, inspector):
    url = "/api/v1/registry/production-bases"
    assert [b["code"] for b in _get(inspector, url, country="VN").json()["results"]] == ["GAP-VN-1"]
    assert [b["code"] for b in _get(inspector, url, status="active").json()["results"]] == ["GAP-TH-1"]
    assert [b["code"] for b in _get(inspector, url, commodity="081060").json()["results"]] == ["GAP-TH-1"]


def test_base_by_code(world, inspector):
    body = _get(inspector, "/api/v1/registry/production-bases/GAP-TH-1").json()
    assert body["commodities"] == ["081060"]
    assert body["enterprise_uscc"] == world["mine"].uscc


def test_enterprise_user_cannot_read_other_bases(world):
    assert _get(world["ent_user"], "/api/v1/registry/production-bases/GAP-VN-1").status_code == 404
