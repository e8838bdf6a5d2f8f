"""One filter definition per trace-back list, the queue of foreign notifications (NotificationFilters) and the
cases (CaseFilters): the page, the API and the Excel export give the same rows; "mine" keeps to the user's
jurisdiction; another unit's cases never appear; an enterprise reads none of it."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.tracebacks import services
from guomen.tracebacks.models import TraceCase
from guomen.tracebacks.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

PAGE, API, EXPORT = (
    reverse("tracebacks:queue"),
    "/api/v1/tracebacks/notifications",
    reverse("tracebacks:export"),
)


@pytest.fixture
def notes(exporters, notify, analyst):
    """Two notifications waiting for a decision (one quoting a 文锦渡 export, one a 白云 export) and one traced back
    to a 文锦渡 exporter. Each quotes only a declaration number, so its one candidate is that declaration's."""
    only_the_number = {"commodity_group": None, "notifying_country": None}
    shenzhen = notify(
        ref="SZ-01", numbers="EXWJD0000000001", subject="菜心样本农药残留超标", **only_the_number
    )
    guangzhou = notify(
        ref="GZ-02", numbers="EXBY00000000001", subject="芥蓝样本检出禁用农药", **only_the_number
    )
    confirmed = notify(
        ref="SZ-03", numbers="EXWJD0000000003", subject="菜心样本检出沙门氏菌", **only_the_number
    )
    services.match_confirm(
        notification=confirmed,
        candidate=confirmed.candidates.get(enterprise=exporters["other"]),
        actor=analyst,
    )
    return {"shenzhen": shenzhen, "guangzhou": guangzhou, "confirmed": confirmed}


def _check(client, notes, query, expected):
    same_rows(
        client,
        page=PAGE,
        api=API,
        export=EXPORT,
        query=query,
        expected={notes[n].reference for n in expected},
        every={n.reference for n in notes.values()},
        field="reference",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"shenzhen", "guangzhou"}),
        ({"queue": "confirmed"}, {"confirmed"}),
        ({"queue": "all"}, {"shenzhen", "guangzhou", "confirmed"}),
        ({"queue": "all", "q": "芥蓝"}, {"guangzhou"}),
        ({"queue": "unmatched"}, set()),
    ],
)
def test_page_api_and_export_give_the_same_rows(notes, analyst, query, expected):
    _check(client_of(analyst), notes, query, expected)


def test_mine_keeps_to_the_users_jurisdiction(notes, analyst, gz_analyst):
    _check(client_of(gz_analyst), notes, {"mine": "1"}, {"guangzhou"})
    _check(client_of(gz_analyst), notes, {"mine": "1", "queue": "all", "q": "菜心"}, set())
    _check(client_of(analyst), notes, {"mine": "1", "queue": "all"}, {"shenzhen", "confirmed"})


def test_the_export_reads_like_the_page(notes, analyst):
    rows = sheet(client_of(analyst).get(EXPORT, {"queue": "confirmed"}))
    assert rows[0][:2] == ("通报编号", "通报日期")
    assert rows[1][0] == notes["confirmed"].reference and rows[1][-1] == "已确认匹配"


def test_the_api_refuses_an_unknown_queue_by_name_the_page_ignores_it(notes, analyst):
    refuses_bad_choice(client_of(analyst), page=PAGE, api=API, name="queue")


def test_the_export_link_follows_the_htmx_filters(notes, analyst):
    fragment = client_of(analyst).get(PAGE, {"queue": "all", "mine": "1"}, HTTP_HX_REQUEST="true")
    assert f'{EXPORT}?queue=all&amp;mine=1"' in fragment.content.decode()


def test_an_enterprise_reads_none_of_it(notes, exporter_user):
    client = client_of(exporter_user)
    assert client.get(PAGE).status_code == 403
    assert client.get(API).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_a_lab_analyst_may_not_export_the_queue(notes, lab_analyst):
    assert client_of(lab_analyst).get(EXPORT).status_code == 403


def test_the_export_needs_a_sign_in(notes):
    response = Client().get(EXPORT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# The trace-back cases (CaseFilters); the KPI card 境外通报率 links here with a period and a unit.

CASE_PAGE, CASE_API, CASE_EXPORT = (
    reverse("tracebacks:cases"),
    "/api/v1/tracebacks/cases",
    reverse("tracebacks:case_export"),
)
EARLIER = TODAY - dt.timedelta(days=40)


def _month(day) -> str:
    return f"{day.year}-{day.month:02d}"


@pytest.fixture
def cases(exporters, notify, analyst, gz_analyst):
    """Two cases of 文锦渡 exporters (one closed, notified a month or more earlier, one with a task given to the
    analyst) and one of a 白云 exporter (广州局's)."""
    only_the_number = {"commodity_group": None, "notifying_country": None}

    def case(ref, number, exporter, actor, **extra):
        note = notify(ref=ref, numbers=number, **only_the_number, **extra)
        chosen = note.candidates.get(enterprise=exporters[exporter])
        return services.match_confirm(notification=note, candidate=chosen, actor=actor)

    mine = case("SZ-01", "EXWJD0000000001", "wjd", analyst)
    services.case_task_add(
        case=mine,
        title="核查出口记录",
        due_date=TODAY + dt.timedelta(days=7),
        assignee=analyst,
        actor=analyst,
    )
    closed = case("SZ-03", "EXWJD0000000003", "other", analyst, notified_on=EARLIER)
    TraceCase.objects.filter(pk=closed.pk).update(status="closed")
    far = case("GZ-02", "EXBY00000000001", "gz", gz_analyst)
    return {"mine": mine.number, "closed": closed.number, "far": far.number}


def _check_cases(client, cases, query, expected):
    same_rows(
        client,
        page=CASE_PAGE,
        api=CASE_API,
        export=CASE_EXPORT,
        query=query,
        expected={cases[name] for name in expected},
        every=set(cases.values()),
        field="number",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"mine", "closed"}),
        ({"status": "closed"}, {"closed"}),
        ({"status": "investigating"}, {"mine"}),
        ({"mine": "1"}, {"mine"}),
        ({"period": _month(EARLIER)}, {"closed"}),
        ({"org": "WJD"}, {"mine", "closed"}),
        ({"org": "HG"}, set()),
        ({"org": "NO-SUCH-UNIT"}, set()),
    ],
)
def test_cases_page_api_and_export_give_the_same_rows(cases, analyst, query, expected):
    _check_cases(client_of(analyst), cases, query, expected)


def test_another_units_cases_never_appear(cases, gz_analyst):
    _check_cases(client_of(gz_analyst), cases, {}, {"far"})
    _check_cases(client_of(gz_analyst), cases, {"org": "WJD"}, set())


def test_the_kpi_cards_link_shows_the_month_and_the_export_keeps_it(cases, analyst):
    query = {"period": _month(EARLIER), "org": "SZ"}
    fragment = client_of(analyst).get(CASE_PAGE, query, HTTP_HX_REQUEST="true").content.decode()
    assert f'{CASE_EXPORT}?period={query["period"]}&amp;org=SZ"' in fragment
    rows = sheet(client_of(analyst).get(CASE_EXPORT, query))
    assert rows[0] == ("案件编号", "通报编号", "通报日期", "出口企业", "所属单位", "状态")
    assert rows[1][0] == cases["closed"] and rows[1][-1] == "已结案"


@pytest.mark.parametrize("name", ["status"])
def test_the_case_api_refuses_an_unknown_choice_by_name_the_page_ignores_it(analyst, name):
    refuses_bad_choice(client_of(analyst), page=CASE_PAGE, api=CASE_API, name=name)


def test_the_api_refuses_a_month_it_cannot_read_by_name_the_page_ignores_it(analyst):
    refuses_bad_choice(client_of(analyst), page=CASE_PAGE, api=CASE_API, name="period", value="2026-13")


def test_an_enterprise_reads_no_case(cases, exporter_user):
    client = client_of(exporter_user)
    assert client.get(CASE_PAGE).status_code == 403
    assert client.get(CASE_API).status_code == 403
    assert client.get(CASE_EXPORT).status_code == 403


def test_a_lab_analyst_may_not_export_the_cases(cases, lab_analyst):
    assert client_of(lab_analyst).get(CASE_EXPORT).status_code == 403


def test_the_case_export_needs_a_sign_in(cases):
    response = Client().get(CASE_EXPORT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
