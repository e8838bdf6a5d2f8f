import pytest
from django.test import Client

from guomen.accounts.services import api_key_create

pytestmark = pytest.mark.django_db


def test_anonymous_call_gets_401_with_a_message(orgs):
    response = Client().get("/api/v1/accounts/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_bad_key_gets_401(orgs):
    response = Client().get("/api/v1/accounts/me", HTTP_X_API_KEY="gm_not-a-key")
    assert response.status_code == 401


def test_api_key_identifies_the_system_client(orgs):
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    body = Client().get("/api/v1/accounts/me", HTTP_X_API_KEY=raw).json()
    assert body["role"] == "system"
    assert body["org"] == "WJD"


def test_session_user_is_identified(inspector):
    client = Client()
    client.force_login(inspector)
    assert client.get("/api/v1/accounts/me").json()["username"] == "inspector_wjd"


def test_org_units_visible_to_staff(inspector):
    client = Client()
    client.force_login(inspector)
    codes = {u["code"] for u in client.get("/api/v1/accounts/org-units").json()["results"]}
    assert {"GACC", "SZ", "WJD", "BY"} <= codes


def test_org_units_hidden_from_enterprise_users(orgs, make_user):
    from guomen.registry.tests.factories import EnterpriseFactory

    client = Client()
    client.force_login(make_user("enterprise", enterprise=EnterpriseFactory(org=orgs["SZ"])))
    assert client.get("/api/v1/accounts/org-units").json()["results"] == []


def test_openapi_document_is_served(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Guomen API"
