"""One filter definition per catalogue list (HS codes, countries, hazards, import requirements): the page, the API
and the Excel export give the same rows; the API refuses a bad value by name where the page ignores it."""

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.catalog.choices import HazardKind
from guomen.registry.tests.factories import EnterpriseFactory

from .factories import (
    CommodityGroupFactory,
    CountryFactory,
    HazardFactory,
    HsCodeFactory,
    ImportRequirementFactory,
)

pytestmark = pytest.mark.django_db

# list: (page and export URL names, API path, the API field and the export column identifying a row)
LISTS = {
    "hs": ("catalog:hs_list", "catalog:hs_export", "/api/v1/catalog/hs-codes", "code", 0),
    "country": ("catalog:country_list", "catalog:country_export", "/api/v1/catalog/countries", "alpha3", 1),
    "hazard": ("catalog:hazard_list", "catalog:hazard_export", "/api/v1/catalog/hazards", "code", 0),
    "requirement": (
        "catalog:requirement_list",
        "catalog:requirement_export",
        "/api/v1/catalog/import-requirements",
        "hs_code",
        0,
    ),
}
DURIAN, ORANGE, BEEF, SHRIMP = "0810600000", "0805100000", "0201", "030617"
EVERY = {
    "hs": {DURIAN, ORANGE, BEEF, SHRIMP},
    "country": {"THA", "VNM", "CHL"},
    "hazard": {"PEST-BACDOR", "RES-CHLORPYRIFOS", "MIC-SALMONELLA"},
    "requirement": {DURIAN, ORANGE, SHRIMP},
}


@pytest.fixture
def catalogue(db):
    fruit = CommodityGroupFactory()
    meat = CommodityGroupFactory(code="meat", name_zh="肉类", name_en="Meat", hs_prefixes=["02"])
    hs = {
        DURIAN: HsCodeFactory(code=DURIAN, name_zh="鲜榴莲", name_en="Durians, fresh", group=fruit),
        ORANGE: HsCodeFactory(code=ORANGE, name_zh="鲜橙", name_en="Oranges, fresh", group=fruit),
        BEEF: HsCodeFactory(
            code=BEEF, name_zh="鲜或冷藏的牛肉", name_en="Meat of bovine animals", group=meat
        ),
        SHRIMP: HsCodeFactory(code=SHRIMP, name_zh="冻虾", name_en="Shrimps, frozen", group=None),
    }
    th, vn, cl = (CountryFactory(code=code) for code in ("TH", "VN", "CL"))
    HazardFactory(code="PEST-BACDOR", name_zh="桔小实蝇", name_en="Oriental fruit fly")
    HazardFactory(
        code="RES-CHLORPYRIFOS", kind=HazardKind.PESTICIDE_RESIDUE, name_zh="毒死蜱", name_en="Chlorpyrifos"
    )
    HazardFactory(
        code="MIC-SALMONELLA", kind=HazardKind.MICROBIOLOGICAL, name_zh="沙门氏菌", name_en="Salmonella"
    )
    ImportRequirementFactory(hs=hs[DURIAN], origin=th)
    ImportRequirementFactory(hs=hs[ORANGE], origin=cl)
    ImportRequirementFactory(hs=hs[SHRIMP], origin=vn)


CASES = [
    ("hs", {"q": "0810"}, {DURIAN}),
    ("hs", {"q": "榴莲"}, {DURIAN}),
    ("hs", {"level": "10"}, {DURIAN, ORANGE}),
    ("hs", {"group": "fresh_fruit"}, {DURIAN, ORANGE}),
    ("hs", {"declarable": "1"}, {DURIAN, ORANGE, SHRIMP}),
    ("hs", {}, {DURIAN, ORANGE, BEEF, SHRIMP}),
    ("country", {"q": "泰国"}, {"THA"}),
    ("country", {"q": "vn"}, {"VNM"}),
    ("country", {}, {"THA", "VNM", "CHL"}),
    ("hazard", {"kind": "pesticide_residue"}, {"RES-CHLORPYRIFOS"}),
    ("hazard", {"q": "实蝇"}, {"PEST-BACDOR"}),
    ("hazard", {"q": "salmonella", "kind": "microbiological"}, {"MIC-SALMONELLA"}),
    ("requirement", {"origin": "越南"}, {SHRIMP}),
    ("requirement", {"hs": "08"}, {DURIAN, ORANGE}),
    ("requirement", {"hs": "0805", "origin": "TH"}, set()),
    ("requirement", {}, {DURIAN, ORANGE, SHRIMP}),
]


@pytest.mark.parametrize(("name", "query", "expected"), CASES)
def test_page_api_and_export_give_the_same_rows(catalogue, inspector, name, query, expected):
    page, export, api, field, column = LISTS[name]
    same_rows(
        client_of(inspector),
        page=reverse(page),
        api=api,
        export=reverse(export),
        query=query,
        expected=expected,
        every=EVERY[name],
        field=field,
        column=column,
    )


def test_an_enterprise_user_reads_the_same_catalogue(catalogue, orgs, make_user):
    firm = EnterpriseFactory(org=orgs["WJD"])
    same_rows(
        client_of(make_user(Role.ENTERPRISE, enterprise=firm)),
        page=reverse("catalog:hazard_list"),
        api="/api/v1/catalog/hazards",
        export=reverse("catalog:hazard_export"),
        query={},
        expected=EVERY["hazard"],
        every=EVERY["hazard"],
        field="code",
    )


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("hs", "level", "7"),
        ("hazard", "kind", "ghost"),
        ("country", "q", "x" * 101),
        ("requirement", "origin", "x" * 61),
    ],
)
def test_the_api_refuses_a_bad_value_by_name_the_page_ignores_it(catalogue, inspector, name, field, value):
    page, _export, api, _field, _column = LISTS[name]
    refuses_bad_choice(client_of(inspector), page=reverse(page), api=api, name=field, value=value)


def test_the_export_has_chinese_headers_and_choice_labels(catalogue, inspector):
    rows = sheet(client_of(inspector).get(reverse("catalog:hazard_export"), {"kind": "pesticide_residue"}))
    assert rows[0][:3] == ("代码", "类型", "中文名称")
    assert rows[1][:3] == ("RES-CHLORPYRIFOS", "农药残留", "毒死蜱")


def test_the_export_follows_the_htmx_filters(catalogue, inspector):
    """Filtering swaps the rows, and the export link with them: it carries the filters shown."""
    fragment = client_of(inspector).get(reverse("catalog:hs_list"), {"level": "10"}, HTTP_HX_REQUEST="true")
    assert f'{reverse("catalog:hs_export")}?level=10"' in fragment.content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_the_lists_and_exports_need_a_sign_in(catalogue, name):
    page, export, *_rest = LISTS[name]
    for url in (reverse(page), reverse(export)):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
