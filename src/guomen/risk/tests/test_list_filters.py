"""One FilterSet per risk list (ClusterFilters, WarningFilters): the page, GET /api/v1/risk/<list> and the Excel
export give the same rows for the same query string, within the user's jurisdiction; the API refuses a value outside
the choices by name, the page ignores it."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.catalog.tests.factories import HazardFactory
from guomen.risk.early_warnings import warning_create
from guomen.risk.models import EarlyWarning, RiskCluster

from .factories import warning_data

pytestmark = pytest.mark.django_db

CLUSTERS = {"page": "risk:cluster_list", "api": "/api/v1/risk/clusters", "export": "risk:cluster_export"}
WARNINGS = {"page": "risk:warning_list", "api": "/api/v1/risk/warnings", "export": "risk:warning_export"}


def _urls(urls: dict, api: bool = True) -> dict:
    return {
        "page": reverse(urls["page"]),
        "api": urls["api"] if api else None,
        "export": reverse(urls["export"]),
    }


# --- clusters: named by their hazard (the page and the export show its name, the API its code) ----------------


@pytest.fixture
def clusters(rw):
    """open: seen today; lapsed: open but quiet past the window; closed; far: open, another bureau's."""
    today = timezone.localdate()
    made = {}
    for key, status, seen, org in [
        ("open", "open", today, rw["WJD"]),
        ("lapsed", "open", today - dt.timedelta(days=400), rw["WJD"]),
        ("closed", "closed", today, rw["WJD"]),
        ("far", "open", today, rw["GZ"]),
    ]:
        hazard = HazardFactory(code=f"GM{key.upper()}", name_zh=f"聚类危害-{key}")
        RiskCluster.objects.create(
            dimension="enterprise", status=status, hazard=hazard, enterprise=rw["enterprise"],
            first_seen=seen, last_seen=seen, signal_count=2, org=org,
        )  # fmt: skip
        made[key] = hazard
    return made


def _check_clusters(client, clusters, query, expected):
    same_rows(
        client, **_urls(CLUSTERS, api=False), query=query, every={h.name_zh for h in clusters.values()},
        expected={clusters[k].name_zh for k in expected},
    )  # fmt: skip
    answer = client.get(CLUSTERS["api"], query)
    codes = {h.code for h in clusters.values()}
    assert {row["hazard"] for row in answer.json()["results"]} & codes == {clusters[k].code for k in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"open"}),
        ({"status": "open"}, {"open"}),
        ({"status": "closed"}, {"lapsed", "closed"}),
        ({"status": "all"}, {"open", "lapsed", "closed"}),
    ],
)
def test_clusters_page_api_and_export_give_the_same_rows(clusters, rw, query, expected):
    _check_clusters(client_of(rw["analyst"]), clusters, query, expected)


def test_another_bureaus_clusters_never_appear(clusters, rw):
    client = client_of(rw["other_analyst"])
    _check_clusters(client, clusters, {"status": "all"}, {"far"})
    _check_clusters(client, clusters, {"status": "closed"}, set())


# --- warnings: named by their number ------------------------------------------------------------------------


@pytest.fixture
def warnings(rw):
    """draft and validated: the analyst's bureau; far: a draft of another bureau, addressed to nobody here."""
    made = {
        "draft": warning_create(actor=rw["analyst"], data=warning_data(rw, title="榴莲粉蚧预警")),
        "validated": warning_create(actor=rw["analyst"], data=warning_data(rw, title="火龙果预警")),
        "far": warning_create(
            actor=rw["other_analyst"], data=warning_data(rw, title="广州预警", addressees=[rw["GZ"]])
        ),
    }
    EarlyWarning.objects.filter(pk=made["validated"].pk).update(status="validated")
    return {key: w.number for key, w in made.items()}


def _check_warnings(client, warnings, query, expected):
    same_rows(
        client, **_urls(WARNINGS), query=query, every=set(warnings.values()),
        expected={warnings[k] for k in expected},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"draft", "validated"}),
        ({"status": "draft"}, {"draft"}),
        ({"status": "validated"}, {"validated"}),
        ({"q": "火龙果"}, {"validated"}),
        ({"q": "火龙果", "status": "draft"}, set()),
    ],
)
def test_warnings_page_api_and_export_give_the_same_rows(warnings, rw, query, expected):
    _check_warnings(client_of(rw["analyst"]), warnings, query, expected)


def test_another_bureaus_warnings_never_appear(warnings, rw):
    client = client_of(rw["other_analyst"])
    _check_warnings(client, warnings, {}, {"far"})
    _check_warnings(client, warnings, {"q": "火龙果"}, set())


# --- both lists ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("urls", "name"), [(CLUSTERS, "status"), (WARNINGS, "status")])
def test_the_api_refuses_an_unknown_choice_by_name_the_page_ignores_it(rw, urls, name):
    refuses_bad_choice(client_of(rw["analyst"]), page=reverse(urls["page"]), api=urls["api"], name=name)


@pytest.mark.parametrize(
    ("path", "values"),
    [("/api/v1/risk/clusters", ["", "open", "closed", "all"]), ("/api/v1/risk/warnings", None)],
)
def test_the_api_documents_the_choices(client, path, values):
    from guomen.risk.choices import WarningStatus

    operation = client.get("/api/v1/openapi.json").json()["paths"][path]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == "status"]
    assert parameter["schema"]["enum"] == (values or ["", *WarningStatus.values])


def test_the_export_links_carry_the_filters_shown(clusters, warnings, rw):
    client = client_of(rw["analyst"])
    page = client.get(reverse("risk:cluster_list"), {"status": "closed"}).content.decode()
    assert f'href="{reverse("risk:cluster_export")}?status=closed"' in page
    page = client.get(reverse("risk:warning_list"), {"status": "draft", "q": "榴莲"}).content.decode()
    assert 'data-testid="warnings-export"' in page
    assert f'href="{reverse("risk:warning_export")}?status=draft&amp;q=%E6%A6%B4%E8%8E%B2"' in page


def test_the_exports_speak_chinese(clusters, warnings, rw):
    client = client_of(rw["analyst"])
    header, row = sheet(client.get(reverse("risk:cluster_export")))
    assert header == ("危害因子", "涉及对象", "聚类依据", "信息数", "首次出现", "最近出现", "状态", "辖区")
    assert (row[0], row[2], row[6]) == ("聚类危害-open", "同一企业", "进行中")
    header, *rows = sheet(client.get(reverse("risk:warning_export"), {"status": "draft"}))
    assert header == ("编号", "标题", "状态", "通报类型", "风险判定", "发布单位", "续报自")
    assert rows == [(warnings["draft"], "榴莲粉蚧预警", "草稿", "警示通报", "严重", "深圳局", None)]


@pytest.mark.parametrize("urls", [CLUSTERS, WARNINGS])
def test_a_role_that_may_not_see_the_list_may_not_export_it(rw, urls):
    export = reverse(urls["export"])
    assert client_of(rw["enterprise_user"]).get(export).status_code == 403
    response = Client().get(export)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
