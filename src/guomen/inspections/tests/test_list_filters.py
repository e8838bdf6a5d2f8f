"""The rectification requests' FilterSet: the follow-up board's list, GET /api/v1/inspections/rectifications and the
Excel export give the same rows for the same query string (the pending ones unless asked otherwise); staff see their
unit's, an enterprise only its own in all three; a bad status is refused by the API by name, ignored by the page."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.inspections.models import RectificationRequest
from guomen.inspections.selectors.followup import RECTIFICATION_STATES
from guomen.inspections.services import rectification_create
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/inspections/rectifications"
URLS = {"page": "inspections:followup", "export": "inspections:rectification_export"}
# each request: its enterprise, its unit, its status
MADE = {"open": ("mine", "WJD", "open"), "answered": ("neighbour", "WJD", "answered"),
        "closed": ("mine", "WJD", "closed"), "far": ("far", "BY", "open")}  # fmt: skip


def _urls() -> dict:
    return {"page": reverse(URLS["page"]), "api": API, "export": reverse(URLS["export"])}


def _subject(key: str) -> str:
    return f"整改事项-{key}"


@pytest.fixture
def firms(orgs):
    return {
        "mine": EnterpriseFactory(org=orgs["WJD"]),
        "neighbour": EnterpriseFactory(org=orgs["WJD"]),
        "far": EnterpriseFactory(org=orgs["BY"]),
    }


@pytest.fixture
def every(orgs, firms, make_user) -> set[str]:
    issuers = {"WJD": make_user(Role.INSPECTOR, orgs["WJD"]), "BY": make_user(Role.INSPECTOR, orgs["BY"])}
    due = timezone.localdate() + dt.timedelta(days=7)
    for key, (firm, unit, status) in MADE.items():
        made = rectification_create(
            enterprise=firms[firm], org=orgs[unit], subject=_subject(key), due_date=due, actor=issuers[unit]
        )
        RectificationRequest.objects.filter(pk=made.pk).update(status=status)
    return {_subject(key) for key in MADE}


def _check(client, every, query, expected):
    expected = {_subject(k) for k in expected}
    same_rows(client, **_urls(), query=query, expected=expected, every=every, field="subject")


def test_page_api_and_export_give_the_same_rows(every, inspector):
    client = client_of(inspector)
    for query, expected in [
        ({}, ("open", "answered")),
        ({"status": "active"}, ("open", "answered")),
        ({"status": "all"}, ("open", "answered", "closed")),
        ({"status": "closed"}, ("closed",)),
        ({"status": "answered"}, ("answered",)),
    ]:
        _check(client, every, query, expected)


def test_another_units_requests_never_appear(every, orgs, make_user):
    far_supervisor = make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")
    _check(client_of(far_supervisor), every, {"status": "all"}, ("far",))
    _check(client_of(far_supervisor), every, {"status": "closed"}, ())


def test_an_enterprise_sees_only_its_own_requests(every, firms, make_user):
    client = client_of(make_user(Role.ENTERPRISE, None, firms["mine"], username="firm_user"))
    _check(client, every, {}, ("open",))
    _check(client, every, {"status": "all"}, ("open", "closed"))
    _check(client, every, {"status": "answered"}, ())


def test_the_api_refuses_an_unknown_status_by_name_the_page_ignores_it(every, inspector):
    client = client_of(inspector)
    refuses_bad_choice(client, page=_urls()["page"], api=API, name="status")
    page = client.get(_urls()["page"], {"status": "no-such-value"}).content.decode()
    assert {s for s in every if s in page} == {_subject("open"), _subject("answered")}  # the default stands


def test_the_api_documents_the_statuses(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"][API]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == "status"]
    assert (
        parameter["schema"]["enum"] == ["", *RECTIFICATION_STATES]
        and parameter["schema"]["default"] == "active"
    )


def test_the_export_link_carries_the_filters_shown(every, inspector):
    page = client_of(inspector).get(_urls()["page"], {"status": "closed"}).content.decode()
    assert (
        f'href="{_urls()["export"]}?status=closed"' in page and 'data-testid="rectifications-export"' in page
    )


def test_the_export_speaks_chinese(every, inspector):
    header, *rows = sheet(client_of(inspector).get(_urls()["export"], {"status": "all"}))
    assert not [h for h in header if not re.search(r"[\u4e00-\u9fff]", str(h))] and len(rows) == 3
    assert {"待企业整改", "企业已答复"} <= {str(v) for row in rows for v in row}


def test_a_role_that_may_not_see_rectifications_may_not_export_them(orgs, make_user):
    system = make_user(Role.SYSTEM, orgs["SZ"], username="system_sz")
    assert client_of(system).get(_urls()["export"]).status_code == 403
    response = Client().get(_urls()["export"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
