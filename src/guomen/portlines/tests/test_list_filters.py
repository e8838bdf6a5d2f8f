"""One FilterSet per port-line list: its page, GET /api/v1/portlines/<list> and its Excel export give the same rows
for the same query string, scoped alike (another unit's or another enterprise's rows never appear in any of the
three); the API refuses a value outside a list's choices by name, the page ignores it."""

import re
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.portlines import choices as c
from guomen.portlines.tests import factories as f
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Line:
    factory: type
    record: str  # the record's name in the URL names (portlines:<record>_export)
    text: str  # the field holding each test row's identifying text (searched by q)
    api_field: str  # that text in the API's rows
    column: int  # that text's column in the export
    statuses: type
    a: dict  # the first row (status and more), the second row, both of the user's unit
    b: dict
    choices: dict = field(default_factory=dict)  # the list's other choice filters: name → choices
    queries: tuple = ()  # (query, the rows expected) besides the status and text queries


LINES = {
    "licences": Line(
        f.FoodLicenceFactory, "licence", "number", "number", 0, c.LicenceStatus,
        {"status": "valid", "grade": "A"}, {"status": "suspended", "grade": "C"},
        {"grade": c.Grade}, (({"grade": "C"}, "b"), ({"grade": "B"}, "")),
    ),
    "consignees": Line(
        f.WasteConsigneeFactory, "consignee", "number", "number", 2, c.ConsigneeStatus,
        {"status": "registered"}, {"status": "applied"},
    ),
    "findings": Line(
        f.AgencyFindingFactory, "finding", "description", "description", 0, c.FindingStatus,
        {"status": "open"}, {"status": "penalised", "penalty": "罚款"},
    ),
    "uses": Line(
        f.PackagingUseFactory, "use", "goods", "goods", 1, c.UseStatus,
        {"status": "valid"}, {"status": "withdrawn"},
    ),
    "agencies": Line(
        f.AgencyRegistrationFactory, "agency", "number", "number", 2, c.AgencyStatus,
        {"status": "registered", "scope": "commodity weight"}, {"status": "suspended", "scope": "damage"},
        {"scope": c.AgencyScope}, (({"scope": "damage"}, "b"), ({"scope": "weight"}, "a")),
    ),
    "monitoring": Line(
        f.HygieneMonitoringFactory, "monitoring", "item", "item", 0, c.MonitoringStatus,
        {"status": "conforming"},
        {"status": "open", "conforming": False, "value": 300, "category": "vector"},
        {"category": c.MonitoringCategory, "conforming": ["0", "1"]},
        (({"category": "vector"}, "b"), ({"conforming": "0"}, "b"), ({"conforming": "1"}, "a")),
    ),
    "makers": Line(
        f.PackagingMakerFactory, "maker", "number", "number", 0, c.MakerStatus,
        {"status": "registered"}, {"status": "suspended"},
    ),
    "tests": Line(
        f.PerformanceTestFactory, "test", "batch", "batch", 0, c.PerformanceStatus,
        {"status": "valid"}, {"status": "failed", "passed": False, "drop": "failed"},
    ),
}  # fmt: skip
CHOICE_FILTERS = [(name, choice) for name, line in LINES.items() for choice in ("status", *line.choices)]


def _text(name: str, key: str) -> str:
    return f"GM-{name}-{key}"


def _urls(name: str) -> dict:
    return {
        "page": reverse(f"portlines:{name}"),
        "api": f"/api/v1/portlines/{name}",
        "export": reverse(f"portlines:{LINES[name].record}_export"),
    }


@pytest.fixture
def firms(orgs):
    return {
        "mine": EnterpriseFactory(org=orgs["WJD"], name_zh="文锦渡甲公司"),
        "neighbour": EnterpriseFactory(org=orgs["WJD"], name_zh="文锦渡乙公司"),
        "far": EnterpriseFactory(org=orgs["BY"], name_zh="白云丙公司"),
    }


def _made(name: str, firms) -> set[str]:
    """Rows a (the first firm) and b (its neighbour) in the inspector's unit, far in another bureau's."""
    line = LINES[name]
    for key, firm, values in [("a", "mine", line.a), ("b", "neighbour", line.b), ("far", "far", line.a)]:
        line.factory(enterprise=firms[firm], **{line.text: _text(name, key)}, **values)
    return {_text(name, key) for key in ("a", "b", "far")}


def _check(client, name: str, every: set, query: dict, expected: str) -> None:
    line = LINES[name]
    same_rows(
        client, **_urls(name), query=query, expected={_text(name, k) for k in expected},
        every=every, field=line.api_field, column=line.column,
    )  # fmt: skip


@pytest.mark.parametrize("name", LINES)
def test_page_api_and_export_give_the_same_rows(name, firms, inspector):
    every, line, client = _made(name, firms), LINES[name], client_of(inspector)
    for query, expected in [
        ({}, "ab"),
        ({"status": line.a["status"]}, "a"),
        ({"status": line.b["status"]}, "b"),
        ({"q": f"{name}-b"}, "b"),
        ({"q": f"{name}-b", "status": line.a["status"]}, ""),
        *line.queries,
    ]:
        _check(client, name, every, query, expected)


@pytest.mark.parametrize("name", LINES)
def test_another_units_rows_never_appear(name, firms, orgs, make_user):
    every = _made(name, firms)
    far_supervisor = make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")
    _check(client_of(far_supervisor), name, every, {}, ("far",))
    _check(client_of(far_supervisor), name, every, {"status": LINES[name].b["status"]}, "")


@pytest.mark.parametrize("name", LINES)
def test_an_enterprise_sees_only_its_own_rows(name, firms, make_user):
    every = _made(name, firms)
    user = make_user(Role.ENTERPRISE, None, firms["mine"], username="firm_user")
    _check(client_of(user), name, every, {}, "a")
    _check(client_of(user), name, every, {"q": f"{name}-b"}, "")


@pytest.mark.parametrize("name,choice", CHOICE_FILTERS)
def test_the_api_refuses_an_unknown_choice_by_name_the_page_ignores_it(name, choice, inspector):
    urls = _urls(name)
    refuses_bad_choice(client_of(inspector), page=urls["page"], api=urls["api"], name=choice)


@pytest.mark.parametrize("name,choice", CHOICE_FILTERS)
def test_the_api_documents_each_lists_own_choices(name, choice, client):
    line = LINES[name]
    choices = line.statuses if choice == "status" else line.choices[choice]
    operation = client.get("/api/v1/openapi.json").json()["paths"][f"/api/v1/portlines/{name}"]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == choice]
    assert parameter["schema"]["enum"] == ["", *getattr(choices, "values", choices)]


@pytest.mark.parametrize("name", LINES)
def test_the_export_link_carries_the_filters_shown(name, firms, inspector):
    _made(name, firms)
    client, urls, status = client_of(inspector), _urls(name), LINES[name].a["status"]
    href = f'href="{urls["export"]}?status={status}"'
    assert href in client.get(urls["page"], {"status": status}).content.decode()
    rows = client.get(urls["page"], {"status": status}, headers={"HX-Request": "true"}).content.decode()
    assert href in rows and f'data-testid="{name}-export"' in rows


@pytest.mark.parametrize("name", LINES)
def test_the_export_speaks_chinese(name, firms, inspector):
    _made(name, firms)
    header, *rows = sheet(client_of(inspector).get(_urls(name)["export"]))
    english = [h for h in header if not re.search(r"[\u4e00-\u9fff]", str(h))]
    assert not english and len(rows) == 2
    statuses = dict(LINES[name].statuses.choices)
    assert {str(statuses[LINES[name].a["status"]]), str(statuses[LINES[name].b["status"]])} <= {
        str(v) for row in rows for v in row
    }


@pytest.mark.parametrize("name", LINES)
def test_a_role_that_may_not_see_the_list_may_not_export_it(name, orgs, make_user):
    export = _urls(name)["export"]
    system = make_user(Role.SYSTEM, orgs["SZ"], username="system_sz")  # an API client, no pages
    assert client_of(system).get(export).status_code == 403
    response = Client().get(export)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_monitoring_of_one_licence(firms, inspector):
    licence = f.FoodLicenceFactory(enterprise=firms["mine"])
    every = _made("monitoring", firms)
    f.HygieneMonitoringFactory(enterprise=firms["mine"], licence=licence, item=_text("monitoring", "l"))
    every.add(_text("monitoring", "l"))
    _check(client_of(inspector), "monitoring", every, {"licence": licence.pk}, ("l",))
    _check(client_of(inspector), "monitoring", every, {"licence": licence.pk, "status": "open"}, "")


def test_a_licence_that_is_no_number_is_refused_by_the_api_ignored_by_the_page(firms, inspector):
    every = _made("monitoring", firms)
    urls, client = _urls("monitoring"), client_of(inspector)
    answer = client.get(urls["api"], {"licence": "abc"})
    assert answer.status_code == 422 and list(answer.json()["fields"]) == ["licence"]
    page = client.get(urls["page"], {"licence": "abc"}).content.decode()
    assert {text for text in every if text in page} == {_text("monitoring", k) for k in "ab"}
