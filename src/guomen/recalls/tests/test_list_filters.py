"""One filter definition for the recall list (RecallFilters): the page, the API and the Excel export give the same
rows, within the user's reach."""

import datetime as dt

import pytest
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.recalls import services
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/recalls"


def _open(enterprise, actor, title, category="children"):
    return services.recall_open(
        title=title,
        category=category,
        product="某品牌产品 批次2026-08",
        defect="存在安全隐患",
        enterprise=enterprise,
        source="defect_report",
        reported_on=dt.date(2026, 9, 1),
        units_affected=10,
        actor=actor,
    )


@pytest.fixture
def recalls(recall, importer, orgs, supervisor, other_supervisor):
    flask = _open(importer, supervisor, "进口保温杯涂层脱落召回", category="vacuum_flask")
    dismissed = _open(importer, supervisor, "进口玩具小零件召回")
    services.recall_set_status(recall=dismissed, to="dismissed", reason="经核实无缺陷", actor=supervisor)
    far = _open(EnterpriseFactory(org=orgs["BY"], name_zh="广州某进口商"), other_supervisor, "广州召回")
    made = {"stroller": recall, "flask": flask, "dismissed": dismissed, "far": far}
    return {name: r.number for name, r in made.items()}


def _check(client, recalls, query, expected):
    same_rows(
        client,
        page=reverse("recalls:list"),
        api=API,
        export=reverse("recalls:export"),
        query=query,
        expected={recalls[name] for name in expected},
        every=set(recalls.values()),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"stroller", "flask", "dismissed"}),
        ({"category": "children"}, {"stroller", "dismissed"}),
        ({"category": "children", "status": "reported"}, {"stroller"}),
        ({"status": "dismissed"}, {"dismissed"}),
        ({"q": "保温杯"}, {"flask"}),
    ],
)
def test_the_page_api_and_export_give_the_same_rows(recalls, supervisor, query, expected):
    _check(client_of(supervisor), recalls, query, expected)


def test_another_units_recalls_never_appear(recalls, other_supervisor):
    client = client_of(other_supervisor)
    _check(client, recalls, {}, {"far"})
    _check(client, recalls, {"q": "保温杯"}, set())


def test_an_importer_sees_only_its_own_recalls(recalls, importer, make_user):
    user = make_user(Role.ENTERPRISE, None, importer, username="importer_user")
    _check(client_of(user), recalls, {}, {"stroller", "flask", "dismissed"})


def test_the_export_follows_the_filters_shown_and_reads_in_chinese(recalls, supervisor):
    client = client_of(supervisor)
    fragment = client.get(reverse("recalls:list"), {"status": "dismissed"}, HTTP_HX_REQUEST="true")
    assert f'{reverse("recalls:export")}?status=dismissed"' in fragment.content.decode()
    rows = sheet(client.get(reverse("recalls:export"), {"status": "dismissed"}))
    assert rows[0][:3] == ("召回编号", "标题", "产品类别")
    assert rows[1][2] == "玩具及儿童用品"


@pytest.mark.parametrize("name", ["category", "status"])
def test_the_api_refuses_an_unknown_choice_by_name_and_the_page_ignores_it(supervisor, name):
    refuses_bad_choice(client_of(supervisor), page=reverse("recalls:list"), api=API, name=name)


def test_a_role_that_may_not_see_recalls_gets_403_on_the_export_too(orgs, make_user):
    client = client_of(make_user(Role.SYSTEM, orgs["SZ"], username="system_client"))
    assert client.get(reverse("recalls:list")).status_code == 403
    assert client.get(reverse("recalls:export")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_export(client):
    response = client.get(reverse("recalls:export"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_long_list_pages_with_the_filters_kept(importer, supervisor, settings):
    """A list of records shows its pager: the 26th recall is on page 2, with the search kept."""
    for i in range(26):
        _open(importer, supervisor, f"批量召回{i:02d}")
    client = client_of(supervisor)
    first = client.get(reverse("recalls:list"), {"q": "批量召回"}).content.decode()
    assert "第 1 页，共 2 页" in first or "Page 1 of 2" in first
    assert "page=2" in first and "q=" in first
    second = client.get(reverse("recalls:list"), {"q": "批量召回", "page": 2}).content.decode()
    assert second.count("批量召回") >= 1
