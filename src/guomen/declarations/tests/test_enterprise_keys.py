"""A key an enterprise's administrator creates declares for that enterprise only."""

import json

import pytest
from django.test import Client

from guomen.accounts.enterprise import enterprise_api_key_create
from guomen.declarations.models import Declaration
from guomen.declarations.tests.factories import submission

pytestmark = pytest.mark.django_db
URL = "/api/v1/declarations"


def _body(world, **overrides) -> dict:
    data = submission(world)
    data["port"] = data.pop("port_code")
    data["arrival_date"] = data["arrival_date"].isoformat()
    return data | overrides


def _post(raw, body):
    return Client().post(URL, json.dumps(body), content_type="application/json", HTTP_X_API_KEY=raw)


def test_enterprise_key_declares_for_its_enterprise(world):
    _key, raw = enterprise_api_key_create(actor=world["enterprise_user"], name="ERP")
    assert _post(raw, _body(world)).status_code == 201
    assert Declaration.objects.get().declarant == world["enterprise"]


def test_enterprise_key_cannot_declare_for_another_enterprise(world):
    _key, raw = enterprise_api_key_create(actor=world["enterprise_user"], name="ERP")
    response = _post(raw, _body(world, declarant_uscc=world["other_enterprise"].uscc))
    assert response.status_code == 422 and "declarant_uscc" in response.json()["fields"]
    assert not Declaration.objects.exists()


def test_enterprise_key_lists_only_its_enterprises_declarations(world):
    _key, raw = enterprise_api_key_create(actor=world["other_enterprise_user"], name="WMS")
    other_key_raw = enterprise_api_key_create(actor=world["enterprise_user"], name="ERP")[1]
    assert _post(other_key_raw, _body(world)).status_code == 201
    assert Client().get(URL, HTTP_X_API_KEY=raw).json()["results"] == []
