"""One filter definition per public list (spot-check results, blacklist, licence and penalty decisions): the portal
page, the public API and the Excel export give the same rows, to anyone, and only what is published."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory, ImportRequirementFactory
from guomen.portal import sources, views
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.supervision.models import SpotCheckTask
from guomen.supervision.tests.factories import BlacklistEntryFactory, PlanFactory

from .factories import PublicDecisionFactory

pytestmark = pytest.mark.django_db

# list: (page and export URL names, API path, the API field identifying a row)
LISTS = {
    "spot_checks": (
        "portal:spot_checks",
        "portal:spot_check_export",
        "/api/v1/public/spot-checks",
        "enterprise_name",
    ),
    "blacklist": (
        "portal:blacklist",
        "portal:blacklist_export",
        "/api/v1/public/blacklist",
        "enterprise_name",
    ),
    "decisions": (
        "portal:decisions",
        "portal:decision_export",
        "/api/v1/public/decisions",
        "decision_number",
    ),
    "requirements": ("portal:requirements", "portal:requirement_export", "/api/v1/public/requirements", "hs"),
}
CHECKED_FINE, CHECKED_FAILED, CHECK_UNPUBLISHED = "深圳合格果业公司", "广州整改冻品公司", "未公示抽查公司"
LISTED, LISTED_TOO, PROPOSED = "伪造证单贸易公司", "逃避检验食品公司", "拟列入名单公司"
PENALTY, LICENCE, UNPUBLISHED = (
    "深关缉违字〔2026〕0001号",
    "深关许字〔2025〕0002号",
    "深关缉违字〔2026〕0003号",
)
EVERY = {
    "spot_checks": {CHECKED_FINE, CHECKED_FAILED, CHECK_UNPUBLISHED},
    "blacklist": {LISTED, LISTED_TOO, PROPOSED},
    "decisions": {PENALTY, LICENCE, UNPUBLISHED},
    "requirements": {"081060", "080510"},
}


def _check(plan, name: str, *, rank: int, status: str, result: str, published_on):
    return SpotCheckTask.objects.create(
        plan=plan,
        enterprise=EnterpriseFactory(name_zh=name),
        rank=rank,
        status=status,
        result=result,
        recorded_at=timezone.now(),
        published_on=published_on,
    )


@pytest.fixture
def published(orgs):
    plan = PlanFactory(org=orgs["SZ"])
    _check(
        plan, CHECKED_FINE, rank=1, status="published", result="conforming", published_on=dt.date(2026, 3, 1)
    )
    _check(
        plan,
        CHECKED_FAILED,
        rank=2,
        status="published",
        result="non_conforming",
        published_on=dt.date(2025, 9, 1),
    )
    _check(plan, CHECK_UNPUBLISHED, rank=3, status="recorded", result="non_conforming", published_on=None)
    BlacklistEntryFactory(enterprise=EnterpriseFactory(name_zh=LISTED))
    BlacklistEntryFactory(enterprise=EnterpriseFactory(name_zh=LISTED_TOO), reason="逃避检验")
    BlacklistEntryFactory(enterprise=EnterpriseFactory(name_zh=PROPOSED), status="proposed", listed_at=None)
    PublicDecisionFactory(org=orgs["SZ"], decision_number=PENALTY, published=True, enterprise_name="甲公司")
    PublicDecisionFactory(
        org=orgs["SZ"],
        decision_number=LICENCE,
        kind="licence",
        decided_on=dt.date(2025, 5, 6),
        published=True,
        enterprise_name="乙公司",
    )
    PublicDecisionFactory(org=orgs["SZ"], decision_number=UNPUBLISHED, enterprise_name="甲公司")
    ImportRequirementFactory(hs=HsCodeFactory(code="081060"), origin=CountryFactory(code="TH"))
    orange = HsCodeFactory(code="080510", name_zh="鲜橙", name_en="Oranges, fresh")
    ImportRequirementFactory(hs=orange, origin=CountryFactory(code="CL"))


CASES = [
    ("spot_checks", {}, {CHECKED_FINE, CHECKED_FAILED}),
    ("spot_checks", {"result": "non_conforming"}, {CHECKED_FAILED}),
    ("spot_checks", {"year": "2026"}, {CHECKED_FINE}),
    ("spot_checks", {"q": "公司", "result": "conforming"}, {CHECKED_FINE}),
    ("blacklist", {}, {LISTED, LISTED_TOO}),
    ("blacklist", {"q": "逃避"}, {LISTED_TOO}),
    ("decisions", {}, {PENALTY, LICENCE}),
    ("decisions", {"kind": "licence"}, {LICENCE}),
    ("decisions", {"year": "2026"}, {PENALTY}),
    ("decisions", {"q": "甲公司"}, {PENALTY}),
    ("requirements", {"commodity": "榴莲"}, {"081060"}),
    ("requirements", {"origin": "智利"}, {"080510"}),
    ("requirements", {"commodity": "08"}, {"081060", "080510"}),
]


@pytest.mark.parametrize(("name", "query", "expected"), CASES)
def test_page_api_and_export_give_anyone_the_same_published_rows(published, name, query, expected):
    page, export, api, field = LISTS[name]
    same_rows(
        Client(),
        page=reverse(page),
        api=api,
        export=reverse(export),
        query=query,
        expected=expected,
        every=EVERY[name],
        field=field,
    )


def test_an_anonymous_export_holds_only_published_rows(published):
    rows = sheet(Client().get(reverse("portal:decision_export")))
    assert rows[0][:3] == ("决定书文号", "类型", "企业名称")
    assert sorted(r[0] for r in rows[1:]) == sorted([PENALTY, LICENCE])
    checks = sheet(Client().get(reverse("portal:spot_check_export")))
    assert sorted(r[0] for r in checks[1:]) == sorted([CHECKED_FINE, CHECKED_FAILED])


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("spot_checks", "result", "excellent"),
        ("spot_checks", "year", "last"),
        ("decisions", "kind", "warning"),
        ("decisions", "year", "1066"),
        ("blacklist", "q", "x" * 101),
        ("requirements", "origin", "x" * 61),
    ],
)
def test_the_api_refuses_a_bad_value_by_name_the_page_ignores_it(published, name, field, value):
    page, _export, api, _field = LISTS[name]
    refuses_bad_choice(Client(), page=reverse(page), api=api, name=field, value=value)


def test_the_export_follows_the_htmx_filters(published):
    """Filtering swaps the rows, and the export link with them: it carries the filters shown."""
    fragment = Client().get(reverse("portal:decisions"), {"kind": "licence"}, HTTP_HX_REQUEST="true")
    assert f'{reverse("portal:decision_export")}?kind=licence"' in fragment.content.decode()


def test_exports_are_limited_per_client(published, settings):
    settings.GUOMEN_RATE_LIMITS = {"public_export": (2, 600)}
    client = Client()
    assert [client.get(reverse("portal:blacklist_export")).status_code for _ in range(3)] == [200, 200, 429]


def test_an_unavailable_source_has_no_export(published, monkeypatch):
    monkeypatch.setattr(sources, "_reader", lambda module, name: None)
    assert Client().get(reverse("portal:spot_check_export")).status_code == 404


# The staff list of decisions for publication (published or not, the user's units only) -------------------------

STAFF = ("portal:decision_admin", "portal:decision_admin_export", "/api/v1/public/manage/decisions")
ELSEWHERE = "穗关缉违字〔2026〕0004号"


@pytest.fixture
def staff(published, orgs, make_user):
    PublicDecisionFactory(org=orgs["GZ"], decision_number=ELSEWHERE, enterprise_name="丙公司")
    return client_of(make_user(Role.SUPERVISOR, orgs["SZ"], username="supervisor_sz_decisions"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {PENALTY, LICENCE, UNPUBLISHED}),
        ({"published": "no"}, {UNPUBLISHED}),
        ({"published": "yes", "kind": "penalty"}, {PENALTY}),
        ({"q": "穗关"}, set()),
    ],
)
def test_staff_see_their_units_decisions_alike_on_page_api_and_export(staff, query, expected):
    page, export, api = STAFF
    same_rows(
        staff,
        page=reverse(page),
        api=api,
        export=reverse(export),
        query=query,
        expected=expected,
        every={PENALTY, LICENCE, UNPUBLISHED, ELSEWHERE},
        field="decision_number",
    )


def test_the_staff_api_refuses_an_unknown_publication_state_by_name(staff):
    page, _export, api = STAFF
    refuses_bad_choice(staff, page=reverse(page), api=api, name="published", value="maybe")


def test_the_staff_export_is_for_staff_who_see_decisions(staff, orgs, make_user):
    enterprise = client_of(
        make_user(Role.ENTERPRISE, enterprise=EnterpriseFactory(), username="ent_decisions")
    )
    _page, export, api = STAFF
    assert enterprise.get(reverse(export)).status_code == 403
    assert enterprise.get(api).status_code == 403
    anonymous = Client().get(reverse(export))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_page_says_when_it_shows_only_the_latest_and_the_export_holds_them_all(published, monkeypatch):
    monkeypatch.setattr(views, "PAGE_ROWS", 1)
    page = Client().get(reverse("portal:blacklist")).content.decode()
    assert 'data-testid="latest-only"' in page and "仅显示最近 1 条" in page
    rows = sheet(Client().get(reverse("portal:blacklist_export")))
    assert sorted(r[0] for r in rows[1:]) == sorted([LISTED, LISTED_TOO])
