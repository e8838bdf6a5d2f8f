"""One filter definition for the production base list (ProductionBaseFilters): the page, the API and the Excel
export give the same rows; an enterprise sees only its own bases. (The enterprise list: test_enterprise_filters.)"""

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory

from .factories import EnterpriseFactory, ProductionBaseFactory

pytestmark = pytest.mark.django_db

PAGE, API, EXPORT = (
    reverse("registry:base_list"),
    "/api/v1/registry/production-bases",
    reverse("registry:base_export"),
)


@pytest.fixture
def firms(orgs):
    return {
        "sz": EnterpriseFactory(org=orgs["WJD"], name_zh="深圳鲜果公司"),
        "gz": EnterpriseFactory(org=orgs["BY"], name_zh="广州生猪公司"),
    }


@pytest.fixture
def bases(orgs, firms):
    """Two Thai bases (an orchard, a suspended packhouse) and two Chinese ones of two enterprises."""
    thailand, china = CountryFactory(code="TH"), CountryFactory(code="CN")
    durian, lychee = HsCodeFactory(code="0810600000"), HsCodeFactory(code="0810901000")
    made = {
        "durian": ProductionBaseFactory(code="GAP-TH-DUR01", country=thailand),
        "packhouse": ProductionBaseFactory(
            code="PH-TH-00007",
            kind="packhouse",
            name="Chanthaburi Packhouse",
            country=thailand,
            status="suspended",
        ),
        "lychee": ProductionBaseFactory(
            code="CN-GD-ORCH1",
            name="增城荔枝园",
            country=china,
            region="广东增城",
            enterprise=firms["sz"],
            org=orgs["SZ"],
        ),
        "pigs": ProductionBaseFactory(
            code="CN-GD-FARM2",
            kind="farm",
            name="从化生猪养殖场",
            country=china,
            region="广东从化",
            enterprise=firms["gz"],
            org=orgs["GZ"],
        ),
    }
    made["durian"].commodities.set([durian])
    made["lychee"].commodities.set([lychee])
    return {name: base.code for name, base in made.items()}


def _check(client, bases, query, expected):
    same_rows(
        client,
        page=PAGE,
        api=API,
        export=EXPORT,
        query=query,
        expected={bases[n] for n in expected},
        every=set(bases.values()),
        field="code",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"durian", "packhouse", "lychee", "pigs"}),
        ({"country": "th"}, {"durian", "packhouse"}),
        ({"kind": "packhouse"}, {"packhouse"}),
        ({"status": "suspended"}, {"packhouse"}),
        ({"commodity": "0810"}, {"durian", "lychee"}),
        ({"q": "增城", "country": "CN"}, {"lychee"}),
    ],
)
def test_page_api_and_export_give_the_same_rows(bases, inspector, query, expected):
    _check(client_of(inspector), bases, query, expected)


def test_the_export_reads_like_the_page(bases, inspector):
    rows = sheet(client_of(inspector).get(EXPORT, {"kind": "packhouse"}))
    assert rows[0][:2] == ("注册编号", "名称")
    assert rows[1][:2] == (bases["packhouse"], "Chanthaburi Packhouse")


def test_an_enterprise_sees_only_its_own_bases(bases, firms, make_user):
    client = client_of(make_user("enterprise", enterprise=firms["sz"]))
    _check(client, bases, {}, {"lychee"})
    _check(client, bases, {"kind": "farm"}, set())
    _check(client, bases, {"country": "TH"}, set())


@pytest.mark.parametrize("name", ["kind", "status"])
def test_the_api_refuses_an_unknown_choice_by_name_the_page_ignores_it(bases, inspector, name):
    refuses_bad_choice(client_of(inspector), page=PAGE, api=API, name=name)


def test_the_export_link_follows_the_htmx_filters(bases, inspector):
    fragment = client_of(inspector).get(PAGE, {"status": "suspended"}, HTTP_HX_REQUEST="true")
    assert f'{EXPORT}?status=suspended"' in fragment.content.decode()


def test_the_export_needs_a_sign_in(bases):
    response = Client().get(EXPORT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
