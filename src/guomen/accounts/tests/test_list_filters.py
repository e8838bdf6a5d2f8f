"""The org units' FilterSet: GET /api/v1/accounts/org-units filters by kind (documented, a bad kind refused by name);
the units have no list page and no export."""

import pytest
from tests.lists import client_of

from guomen.accounts.choices import OrgKind
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/accounts/org-units"


def _codes(client, query) -> set[str]:
    answer = client.get(API, query)
    assert answer.status_code == 200, answer.content[:300]
    return {row["code"] for row in answer.json()["results"]}


@pytest.mark.parametrize(
    "query,expected",
    [({}, {"GACC", "SZ", "GZ", "WJD", "HG", "BY"}), ({"kind": "port"}, {"WJD", "HG", "BY"}),
     ({"kind": "branch"}, {"SZ", "GZ"}), ({"kind": "general"}, {"GACC"}), ({"kind": ""}, {"GACC", "SZ", "GZ", "WJD", "HG", "BY"})],
)  # fmt: skip
def test_the_kind_filters_the_units(orgs, inspector, query, expected):
    assert _codes(client_of(inspector), query) == expected


def test_an_enterprise_sees_no_unit_of_any_kind(orgs, make_user):
    client = client_of(make_user("enterprise", enterprise=EnterpriseFactory(org=orgs["SZ"])))
    assert _codes(client, {"kind": "port"}) == set()


def test_the_api_refuses_an_unknown_kind_by_name(orgs, inspector):
    answer = client_of(inspector).get(API, {"kind": "airport"})
    assert answer.status_code == 422 and list(answer.json()["fields"]) == ["kind"]


def test_the_api_documents_the_kinds(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"][API]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == "kind"]
    assert parameter["schema"]["enum"] == ["", *OrgKind.values]
