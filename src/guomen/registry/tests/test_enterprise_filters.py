"""One filter definition for the enterprise list (EnterpriseFilters): the page, the API and the Excel export give
the same rows; an enterprise sees only itself in all three."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _sheet(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def firms(orgs):
    return {
        "importer": EnterpriseFactory(org=orgs["WJD"], name_zh="深圳鲜果进口公司", kind="importer"),
        "exporter": EnterpriseFactory(org=orgs["WJD"], name_zh="深圳蔬菜出口公司", kind="exporter"),
        "suspended": EnterpriseFactory(
            org=orgs["BY"], name_zh="广州冻品公司", kind="importer", filing_status="suspended"
        ),
    }


def test_page_api_and_export_give_the_same_rows(firms, inspector):
    client = _client(inspector)
    for query, expected in [
        ({"kind": "importer"}, ["importer", "suspended"]),
        ({"kind": "importer", "filing_status": "suspended"}, ["suspended"]),
        ({"q": "深圳"}, ["importer", "exporter"]),
        ({"org": "BY"}, ["suspended"]),
    ]:
        names = sorted(firms[n].name_zh for n in expected)
        api = client.get("/api/v1/registry/enterprises", query).json()
        assert sorted(e["name_zh"] for e in api["results"]) == names, query
        page = client.get(reverse("registry:enterprise_list"), query).content.decode()
        rows = _sheet(client.get(reverse("registry:enterprise_export"), query))
        assert rows[0][:3] == ("中文名称", "英文名称", "统一社会信用代码")
        assert sorted(r[0] for r in rows[1:]) == names, query
        for name, firm in firms.items():
            assert (firm.name_zh in page) is (name in expected), (query, name)


def test_another_enterprises_rows_never_appear(firms, make_user):
    client = _client(make_user("enterprise", enterprise=firms["exporter"]))
    assert [e["uscc"] for e in client.get("/api/v1/registry/enterprises").json()["results"]] == [
        firms["exporter"].uscc
    ]
    rows = _sheet(client.get(reverse("registry:enterprise_export"), {"kind": "importer"}))
    assert rows[1:] == []
    rows = _sheet(client.get(reverse("registry:enterprise_export")))
    assert [r[2] for r in rows[1:]] == [firms["exporter"].uscc]


def test_the_api_refuses_an_unknown_kind_by_name_the_page_ignores_it(firms, inspector):
    client = _client(inspector)
    response = client.get("/api/v1/registry/enterprises", {"kind": "smuggler", "q": "x" * 101})
    assert response.status_code == 422 and sorted(response.json()["fields"]) == ["kind", "q"]
    page = client.get(reverse("registry:enterprise_list"), {"kind": "smuggler"}).content.decode()
    assert firms["exporter"].name_zh in page


def test_text_that_looks_like_a_formula_stays_text(orgs, inspector):
    EnterpriseFactory(org=orgs["WJD"], name_zh='=HYPERLINK("http://example.com","点我")')
    workbook = load_workbook(
        io.BytesIO(_client(inspector).get(reverse("registry:enterprise_export")).content)
    )
    cell = workbook.worksheets[0]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_export_needs_a_sign_in(firms):
    response = Client().get(reverse("registry:enterprise_export"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
