"""One filter definition per export-chain list (SiteFilters, BatchFilters): the page, the API and the Excel export
give the same rows; an enterprise sees only its own sites and batches, a unit only its own and those below."""

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role

from .factories import EnterpriseFactory, make_batch, make_site

pytestmark = pytest.mark.django_db

SITES = {
    "page": reverse("exports:sites"),
    "api": "/api/v1/exports/sites",
    "export": reverse("exports:site_export"),
    "field": "name",
    "column": 1,
}
BATCHES = {
    "page": reverse("exports:batches"),
    "api": "/api/v1/exports/batches",
    "export": reverse("exports:batch_export"),
    "field": "number",
    "column": 0,
}


@pytest.fixture
def chain(orgs, exporter):
    """Two sites of the exporter, one of a neighbour at the same port and one under 广州局, with their batches."""
    neighbour = EnterpriseFactory(org=orgs["WJD"], name_zh="东莞果品加工有限公司", kind="exporter")
    far_firm = EnterpriseFactory(org=orgs["BY"], name_zh="广州从化果业有限公司", kind="exporter")
    sites = {
        "orchard": make_site(exporter, name="增城荔枝种植基地", number="SZCK20260001"),
        "farm": make_site(exporter, status="applied", kind="farm", name="惠州生猪养殖场"),
        "plant": make_site(
            neighbour, status="suspended", kind="processing", name="东莞荔枝加工厂", number="SZCK20260002"
        ),
        "far": make_site(far_firm, name="从化荔枝果园", number="GZCK20260001"),
    }
    batches = {
        "flagged": make_batch(sites["orchard"], number="PCWJD202612060001", flagged=True),
        "clean": make_batch(sites["orchard"], number="PCWJD202612060002"),
        "neighbour": make_batch(sites["plant"], number="PCWJD202612060003"),
        "far": make_batch(sites["far"], number="PCBY0202612060001", flagged=True),
    }
    return {
        "sites": {k: s.name for k, s in sites.items()},
        "batches": {k: b.number for k, b in batches.items()},
    }


def _check(client, lst, names, query, expected):
    same_rows(
        client,
        page=lst["page"],
        api=lst["api"],
        export=lst["export"],
        query=query,
        expected={names[n] for n in expected},
        every=set(names.values()),
        field=lst["field"],
        column=lst["column"],
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"orchard", "farm", "plant"}),
        ({"status": "registered"}, {"orchard"}),
        ({"kind": "processing"}, {"plant"}),
        ({"q": "荔枝"}, {"orchard", "plant"}),
        ({"q": "鲜果出口", "status": "applied"}, {"farm"}),
    ],
)
def test_sites_page_api_and_export_give_the_same_rows(chain, supervisor, query, expected):
    _check(client_of(supervisor), SITES, chain["sites"], query, expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"flagged", "clean", "neighbour"}),
        ({"flagged": "1"}, {"flagged"}),
        ({"flagged": "0"}, {"clean", "neighbour"}),
        ({"q": "东莞"}, {"neighbour"}),
    ],
)
def test_batches_page_api_and_export_give_the_same_rows(chain, supervisor, query, expected):
    _check(client_of(supervisor), BATCHES, chain["batches"], query, expected)


def test_the_export_headers_are_chinese(chain, supervisor):
    client = client_of(supervisor)
    assert sheet(client.get(SITES["export"]))[0][:3] == ("注册编号", "名称", "类型")
    assert sheet(client.get(BATCHES["export"]))[0][:2] == ("批次号", "基地")


def test_an_enterprise_sees_only_its_own_sites_and_batches(chain, exporter_user):
    client = client_of(exporter_user)
    _check(client, SITES, chain["sites"], {}, {"orchard", "farm"})
    _check(client, SITES, chain["sites"], {"kind": "processing"}, set())
    _check(client, BATCHES, chain["batches"], {}, {"flagged", "clean"})
    _check(client, BATCHES, chain["batches"], {"q": "东莞"}, set())


def test_another_units_rows_never_appear(chain, other_supervisor):
    client = client_of(other_supervisor)
    _check(client, SITES, chain["sites"], {}, {"far"})
    _check(client, BATCHES, chain["batches"], {"flagged": "1"}, {"far"})


@pytest.mark.parametrize(("lst", "name"), [(SITES, "status"), (SITES, "kind"), (BATCHES, "flagged")])
def test_the_api_refuses_an_unknown_choice_by_name_the_page_ignores_it(chain, supervisor, lst, name):
    refuses_bad_choice(client_of(supervisor), page=lst["page"], api=lst["api"], name=name)


def test_the_export_link_follows_the_htmx_filters(chain, supervisor):
    """Filtering swaps the rows and the export link with them: it carries the filters shown."""
    client = client_of(supervisor)
    fragment = client.get(BATCHES["page"], {"flagged": "0"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'{BATCHES["export"]}?flagged=0"' in fragment
    fragment = client.get(SITES["page"], {"kind": "farm"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'{SITES["export"]}?kind=farm"' in fragment


@pytest.mark.parametrize("lst", [SITES, BATCHES], ids=["sites", "batches"])
def test_the_exports_need_a_sign_in(chain, lst):
    response = Client().get(lst["export"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_system_client_of_an_enterprise_exports_only_its_own(chain, exporter, make_user):
    client = client_of(make_user(Role.SYSTEM, None, exporter, username="exporter_system"))
    rows = sheet(client.get(SITES["export"]))
    assert {r[1] for r in rows[1:]} == {chain["sites"]["orchard"], chain["sites"]["farm"]}
