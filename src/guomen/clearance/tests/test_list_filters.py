"""The release overrides' FilterSet: the page, GET /api/v1/clearance/overrides and the Excel export give the same
rows for the same query string, scoped to the user's bureau; a bad status is refused by the API by name and ignored
by the page; overrides are the bureau's: an enterprise may not export them."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.clearance.choices import OverrideStatus
from guomen.clearance.models import ReleaseOverride
from guomen.inspections.tests.factories import open_task
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/clearance/overrides"


def _urls() -> dict:
    return {
        "page": reverse("clearance:overrides"),
        "api": API,
        "export": reverse("clearance:override_export"),
    }


@pytest.fixture
def made(orgs, supervisor, requirement):
    """Overrides asked for at 文锦渡 (granted: a, requested: b) and one at 白云 (another bureau): their numbers."""
    numbers = {}
    for key, port, status in [("a", "WJD", "granted"), ("b", "WJD", "requested"), ("far", "BY", "granted")]:
        task = open_task(orgs[port])
        ReleaseOverride.objects.create(
            task=task, declaration=task.declaration, port=task.port, disposition="release",
            rules=[{"code": "R1", "severity": "hard_stop", "message": "果园注册暂停", "evidence": []}], reason="已核实", status=status,
            requested_by=supervisor,
        )  # fmt: skip
        numbers[key] = task.declaration.number
    return numbers


def _check(client, made, query, expected):
    every = set(made.values())
    same_rows(
        client, **_urls(), query=query, expected={made[k] for k in expected}, every=every, field="declaration"
    )


def test_page_api_and_export_give_the_same_rows(made, supervisor):
    client = client_of(supervisor)
    for query, expected in [
        ({}, ("a", "b")),
        ({"status": "granted"}, ("a",)),
        ({"status": "requested"}, ("b",)),
        ({"status": "refused"}, ()),
    ]:
        _check(client, made, query, expected)


def test_another_bureaus_overrides_never_appear(made, orgs, make_user):
    far_leader = make_user(Role.LEADER, orgs["GZ"], username="leader_gz")
    _check(client_of(far_leader), made, {}, ("far",))
    _check(client_of(far_leader), made, {"status": "requested"}, ())


def test_the_api_refuses_an_unknown_status_by_name_the_page_ignores_it(supervisor):
    urls = _urls()
    refuses_bad_choice(client_of(supervisor), page=urls["page"], api=urls["api"], name="status")


def test_the_api_documents_the_statuses(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"][API]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == "status"]
    assert parameter["schema"]["enum"] == ["", *OverrideStatus.values]


def test_the_export_link_carries_the_filters_shown(made, supervisor):
    href = f'href="{_urls()["export"]}?status=granted"'
    page = client_of(supervisor).get(_urls()["page"], {"status": "granted"}).content.decode()
    assert href in page and 'data-testid="overrides-export"' in page


def test_the_export_speaks_chinese(made, supervisor):
    header, *rows = sheet(client_of(supervisor).get(_urls()["export"]))
    assert not [h for h in header if not re.search(r"[\u4e00-\u9fff]", str(h))] and len(rows) == 2
    cells = {str(v) for row in rows for v in row}
    assert {str(OverrideStatus.GRANTED.label), str(OverrideStatus.REQUESTED.label), "果园注册暂停"} <= cells


def test_an_enterprise_may_not_export_the_overrides(made, orgs, make_user):
    firm_user = make_user(Role.ENTERPRISE, None, EnterpriseFactory(org=orgs["WJD"]), username="firm_user")
    assert client_of(firm_user).get(_urls()["export"]).status_code == 403
    response = Client().get(_urls()["export"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
