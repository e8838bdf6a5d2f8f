"""One FilterSet per targeting list (MeasureFilters, RuleFilters, LevelFilters): its page, GET /api/v1/targeting/<list> and its
Excel export give the same rows for the same query string; the API refuses a value it cannot read by name, the page
ignores it; each export is as confidential as its page (bureau staff only)."""

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.catalog.tests.factories import CountryFactory
from guomen.targeting.models import FrequencyLevel
from guomen.targeting.tests.factories import ControlMeasureFactory, SimpleRuleFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/targeting/measures"
REASON = 9  # the reason's column in the export


@pytest.fixture
def measures(world):
    """active: in force on the importer; lifted: lifted; other: in force, another reason (named by their reason)."""
    made = {
        "active": ControlMeasureFactory(enterprise=world["enterprise"], reason="GM-境外通报-榴莲"),
        "lifted": ControlMeasureFactory(
            enterprise=world["enterprise"], reason="GM-抽检不合格", status="lifted"
        ),
        "other": ControlMeasureFactory(enterprise=world["enterprise"], reason="GM-境外通报-山竹"),
    }
    return {key: m.reason for key, m in made.items()}


def _check(client, measures, query, expected):
    same_rows(
        client, page=reverse("targeting:measure_list"), api=API, export=reverse("targeting:measure_export"),
        query=query, expected={measures[k] for k in expected}, every=set(measures.values()),
        field="reason", column=REASON,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"active", "other"}),
        ({"status": "active"}, {"active", "other"}),
        ({"status": "lifted"}, {"lifted"}),
        ({"status": "all"}, {"active", "lifted", "other"}),
        ({"status": "all", "q": "境外通报"}, {"active", "other"}),
        ({"q": "山竹"}, {"other"}),
        ({"q": "山竹", "status": "lifted"}, set()),
    ],
)
def test_the_page_api_and_export_give_the_same_rows(measures, analyst, query, expected):
    _check(client_of(analyst), measures, query, expected)


def test_the_api_refuses_an_unknown_status_by_name_the_page_ignores_it(analyst):
    refuses_bad_choice(client_of(analyst), page=reverse("targeting:measure_list"), api=API, name="status")


def test_the_api_documents_the_statuses(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"][API]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == "status"]
    assert parameter["schema"]["enum"] == ["", "active", "lifted", "all"]


def test_the_export_link_carries_the_filters_shown(measures, analyst):
    client, export = client_of(analyst), reverse("targeting:measure_export")
    rows = client.get(reverse("targeting:measure_list"), {"status": "lifted"}, headers={"HX-Request": "true"})
    html = rows.content.decode()
    assert f'href="{export}?status=lifted"' in html and 'data-testid="measures-export"' in html


def test_the_export_speaks_chinese(measures, analyst):
    header, *rows = sheet(client_of(analyst).get(reverse("targeting:measure_export"), {"status": "lifted"}))
    assert header[:3] == ("范围", "管控对象", "状态"), header
    assert [row[2] for row in rows] == ["已解除"] and rows[0][REASON] == measures["lifted"]


# --- rule profiles: named by their name ---------------------------------------------------------------------


@pytest.fixture
def rules(world):
    made = {
        "fruit": SimpleRuleFactory(name="GM-规则-水果", instruction="查验果实"),
        "parts": SimpleRuleFactory(name="GM-规则-机械", instruction="核对铭牌"),
        "old": SimpleRuleFactory(name="GM-规则-旧", active=False),
    }
    return {key: r.name for key, r in made.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"fruit", "parts"}),
        ({"show": "active"}, {"fruit", "parts"}),
        ({"show": "inactive"}, {"old"}),
        ({"show": "all"}, {"fruit", "parts", "old"}),
        ({"q": "铭牌"}, {"parts"}),
        ({"q": "铭牌", "show": "inactive"}, set()),
    ],
)
def test_rules_page_api_and_export_give_the_same_rows(rules, analyst, query, expected):
    same_rows(
        client_of(analyst), page=reverse("targeting:rule_list"), api="/api/v1/targeting/rules",
        export=reverse("targeting:rule_export"), query=query, expected={rules[k] for k in expected},
        every=set(rules.values()), field="name",
    )  # fmt: skip


def test_the_rules_api_refuses_an_unknown_show_by_name_the_page_ignores_it(analyst):
    client = client_of(analyst)
    refuses_bad_choice(
        client, page=reverse("targeting:rule_list"), api="/api/v1/targeting/rules", name="show"
    )


def test_the_rules_export_link_carries_the_filters_and_speaks_chinese(rules, analyst):
    client, export = client_of(analyst), reverse("targeting:rule_export")
    page = client.get(reverse("targeting:rule_list"), {"show": "inactive"}).content.decode()
    assert f'href="{export}?show=inactive"' in page and 'data-testid="rules-export"' in page
    header, *rows = sheet(client.get(export, {"show": "inactive"}))
    assert header[0] == "名称" and all(not str(h).isascii() for h in header), header
    assert [row[0] for row in rows] == [rules["old"]]


# --- frequency levels: named by their origin (the page and the export show its name, the API its code) -------


@pytest.fixture
def levels(world):
    made = {}
    for key, code, level in [("raised", "QA", 2), ("plain", "QB", 0)]:
        origin = CountryFactory(code=code, name_zh=f"测试产地{key}")
        FrequencyLevel.objects.create(
            origin=origin, commodity_group=world["durian"].group, level=level, computed_on="2026-11-30"
        )
        made[key] = origin
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"raised", "plain"}),
        ({"raised_only": "1"}, {"raised"}),
        ({"raised_only": "0"}, {"raised", "plain"}),
    ],
)
def test_levels_page_api_and_export_give_the_same_rows(levels, analyst, query, expected):
    client = client_of(analyst)
    same_rows(
        client, page=reverse("targeting:level_list"), api=None, export=reverse("targeting:level_export"),
        query=query, expected={levels[k].name_zh for k in expected}, every={o.name_zh for o in levels.values()},
    )  # fmt: skip
    answer = client.get("/api/v1/targeting/levels", query).json()["results"]
    assert {row["origin"] for row in answer} == {levels[k].code for k in expected}


def test_the_levels_api_refuses_a_raised_only_it_cannot_read_the_page_ignores_it(levels, analyst):
    client = client_of(analyst)
    answer = client.get("/api/v1/targeting/levels", {"raised_only": "maybe"})
    assert answer.status_code == 422 and list(answer.json()["fields"]) == ["raised_only"]
    page = client.get(reverse("targeting:level_list"), {"raised_only": "maybe"}).content.decode()
    assert levels["plain"].name_zh in page


def test_the_levels_export_link_carries_the_filter_and_speaks_chinese(levels, analyst):
    client, export = client_of(analyst), reverse("targeting:level_export")
    page = client.get(reverse("targeting:level_list"), {"raised_only": "1"}).content.decode()
    assert f'href="{export}?raised_only=1"' in page and 'data-testid="levels-export"' in page
    header, *rows = sheet(client.get(export, {"raised_only": "1"}))
    assert header[:3] == ("原产国/地区", "商品类别", "等级"), header
    assert rows == [(levels["raised"].name_zh, "新鲜水果", 2, 0, 0, 0, 0, rows[0][7])]


# --- both lists: confidential to the bureau's staff ---------------------------------------------------------

EXPORTS = ["targeting:measure_export", "targeting:rule_export", "targeting:level_export"]


@pytest.mark.parametrize("export", EXPORTS)
@pytest.mark.parametrize("who", ["enterprise_user", "inspector"])
def test_only_bureau_staff_who_see_the_list_may_export_it(world, measures, rules, levels, who, export):
    client = client_of(world[who])
    assert client.get(reverse(export.replace("_export", "_list"))).status_code == 403
    assert client.get(reverse(export)).status_code == 403


@pytest.mark.parametrize("export", EXPORTS)
def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_export(measures, rules, levels, export):
    response = Client().get(reverse(export))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
