"""One filter definition for the queue of foreign notifications (NotificationFilters): the page, the API and the
Excel export give the same rows; "mine" keeps to the user's jurisdiction; an enterprise reads none of it."""

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.tracebacks import services

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
