"""One filter definition for the blacklist entries and the access applications (BlacklistEntryFilters,
ApplicationFilters): the page, the API and the Excel export give the same rows, within the user's reach."""

import pytest
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.supervision import services

from .factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

BLACKLIST = {
    "api": "/api/v1/supervision/blacklist",
    "page": "supervision:blacklist",
    "export": "supervision:blacklist_export",
}


def _urls(urls):
    return {"api": urls["api"], "page": reverse(urls["page"]), "export": reverse(urls["export"])}


@pytest.fixture
def entries(orgs, supervisor, second_supervisor, gz_supervisor, other_firm):
    listed = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市伪证进口有限公司")
    proposed = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市待审进口有限公司")
    entry = services.blacklist_propose(enterprise=listed, reason="伪造植物检疫证书", actor=supervisor)
    services.blacklist_decide(entry=entry, approve=True, note="证据确实", actor=second_supervisor)
    services.blacklist_propose(enterprise=proposed, reason="逃避检验检疫", actor=supervisor)
    services.blacklist_propose(enterprise=other_firm, reason="广州的案件", actor=gz_supervisor)
    return {"listed": listed.uscc, "proposed": proposed.uscc, "far": other_firm.uscc}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"listed", "proposed"}),
        ({"status": "listed"}, {"listed"}),
        ({"status": "proposed"}, {"proposed"}),
    ],
)
def test_the_blacklist_page_api_and_export_give_the_same_rows(entries, supervisor, query, expected):
    client = client_of(supervisor)
    every = set(entries.values())
    wanted = {entries[name] for name in expected}
    same_rows(
        client,
        **_urls(BLACKLIST),
        query=query,
        expected=wanted,
        every=every,
        field="enterprise_uscc",
        column=1,
    )


def test_another_units_blacklist_entries_never_appear(entries, gz_supervisor):
    every = set(entries.values())
    same_rows(
        client_of(gz_supervisor),
        **_urls(BLACKLIST),
        query={},
        expected={entries["far"]},
        every=every,
        field="enterprise_uscc",
        column=1,
    )


def test_the_blacklist_status_outside_the_choices_is_refused_by_name(entries, supervisor):
    urls = _urls(BLACKLIST)
    refuses_bad_choice(client_of(supervisor), page=urls["page"], api=urls["api"], name="status")


def test_the_blacklist_export_follows_the_filters_shown_and_reads_in_chinese(entries, supervisor):
    client = client_of(supervisor)
    page = client.get(reverse("supervision:blacklist"), {"status": "listed"}).content.decode()
    assert f'{reverse("supervision:blacklist_export")}?status=listed"' in page
    rows = sheet(client.get(reverse("supervision:blacklist_export"), {"status": "listed"}))
    assert rows[0][:3] == ("企业", "统一社会信用代码", "状态") and len(rows) == 2


def test_the_application_status_outside_the_choices_is_refused_by_name(supervisor):
    page = reverse("supervision:applications")
    refuses_bad_choice(
        client_of(supervisor), page=page, api="/api/v1/supervision/applications", name="status"
    )


def test_staff_open_the_applications_on_those_waiting_and_the_export_link_says_so(supervisor):
    page = client_of(supervisor).get(reverse("supervision:applications")).content.decode()
    assert f'{reverse("supervision:application_export")}?status=submitted"' in page


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_exports(client):
    for name in ("supervision:blacklist_export", "supervision:application_export"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
