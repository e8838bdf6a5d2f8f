"""One filter definition per enforcement list (interviews, commitments, handovers): the page, the API and the Excel
export give the same rows, within the user's reach."""

import datetime as dt

import pytest
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.enforcement import services
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

# each list: its API, page and export, the API field and the export column naming a row
LISTS = {
    "interviews": ("/api/v1/enforcement/interviews", "interviews", "interview_export", "subject", 3),
    "commitments": ("/api/v1/enforcement/commitments", "commitments", "commitment_export", "text", 5),
    "handovers": ("/api/v1/enforcement/handovers", "handovers", "handover_export", "subject", 4),
}
DAY = dt.date(2026, 9, 1)


def _check(client, name, query, expected, every):
    api, page, export, field, column = LISTS[name]
    same_rows(
        client,
        api=api,
        page=reverse(f"enforcement:{page}"),
        export=reverse(f"enforcement:{export}"),
        query=query,
        expected=expected,
        every=every,
        field=field,
        column=column,
    )


@pytest.fixture
def rows(firm, orgs, supervisor, other_supervisor):
    """Rows of each list at 文锦渡 (深圳局) and one of each at 白云机场 (广州局)."""
    far = EnterpriseFactory(org=orgs["BY"], name_zh="广州某进口商")
    held = services.interview_schedule(
        enterprise=firm, scheduled_on=DAY, subject="标签问题约谈", actor=supervisor
    )
    services.interview_cancel(interview=held, reason="企业已整改", actor=supervisor)
    services.interview_schedule(enterprise=firm, scheduled_on=DAY, subject="冷链问题约谈", actor=supervisor)
    services.interview_schedule(enterprise=far, scheduled_on=DAY, subject="广州约谈", actor=other_supervisor)
    for kind, text in (("integrity", "诚信经营承诺书"), ("safety", "食品安全责任书")):
        services.commitment_record(enterprise=firm, kind=kind, signed_on=DAY, text=text, actor=supervisor)
    services.commitment_record(
        enterprise=far, kind="safety", signed_on=DAY, text="广州承诺", actor=other_supervisor
    )
    for direction, agency, subject in (("out", "police", "涉嫌走私移交"), ("in", "market", "市场监管线索")):
        services.handover_record(
            direction=direction,
            agency=agency,
            subject=subject,
            handed_on=DAY,
            enterprise=firm,
            actor=supervisor,
        )
    services.handover_record(
        direction="out",
        agency="police",
        subject="广州移交",
        handed_on=DAY,
        enterprise=far,
        actor=other_supervisor,
    )
    return {
        "interviews": {"标签问题约谈", "冷链问题约谈", "广州约谈"},
        "commitments": {"诚信经营承诺书", "食品安全责任书", "广州承诺"},
        "handovers": {"涉嫌走私移交", "市场监管线索", "广州移交"},
    }


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("interviews", {}, {"标签问题约谈", "冷链问题约谈"}),
        ("interviews", {"status": "cancelled"}, {"标签问题约谈"}),
        ("interviews", {"q": "冷链"}, {"冷链问题约谈"}),
        ("commitments", {"kind": "safety"}, {"食品安全责任书"}),
        ("commitments", {"q": "深圳某进口食品", "status": "in_force"}, {"诚信经营承诺书", "食品安全责任书"}),
        ("commitments", {"status": "broken"}, set()),
        ("handovers", {"direction": "in"}, {"市场监管线索"}),
        ("handovers", {"agency": "police", "status": "open"}, {"涉嫌走私移交"}),
        ("handovers", {"q": "走私"}, {"涉嫌走私移交"}),
    ],
)
def test_the_page_api_and_export_give_the_same_rows(rows, supervisor, name, query, expected):
    _check(client_of(supervisor), name, query, expected, rows[name])


@pytest.mark.parametrize("name", list(LISTS))
def test_another_units_rows_never_appear(rows, other_supervisor, name):
    client = client_of(other_supervisor)
    far = {text for text in rows[name] if text.startswith("广州")}
    _check(client, name, {}, far, rows[name])
    _check(client, name, {"q": "深圳某进口食品"}, set(), rows[name])


@pytest.mark.parametrize("name", ["interviews", "commitments"])
def test_an_enterprise_sees_only_its_own_rows(rows, firm, make_user, name):
    user = make_user(Role.ENTERPRISE, None, firm, username="firm_user")
    own = {text for text in rows[name] if not text.startswith("广州")}
    _check(client_of(user), name, {}, own, rows[name])


def test_the_export_follows_the_filters_shown_and_reads_in_chinese(rows, supervisor):
    client = client_of(supervisor)
    fragment = client.get(reverse("enforcement:handovers"), {"direction": "in"}, HTTP_HX_REQUEST="true")
    assert f'{reverse("enforcement:handover_export")}?direction=in"' in fragment.content.decode()
    sheet_rows = sheet(client.get(reverse("enforcement:handover_export"), {"direction": "in"}))
    assert sheet_rows[0][:2] == ("移送方向", "协作部门")
    assert sheet_rows[1][:2] == ("接收", "市场监管部门")


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("interviews", "status"),
        ("commitments", "kind"),
        ("commitments", "status"),
        ("handovers", "direction"),
        ("handovers", "status"),
        ("handovers", "agency"),
    ],
)
def test_the_api_refuses_an_unknown_choice_by_name_and_the_page_ignores_it(supervisor, name, field):
    api, page, *_ = LISTS[name]
    refuses_bad_choice(client_of(supervisor), page=reverse(f"enforcement:{page}"), api=api, name=field)


@pytest.mark.parametrize(
    ("name", "role"),
    [("interviews", Role.SYSTEM), ("commitments", Role.SYSTEM), ("handovers", Role.INSPECTOR)],
)
def test_a_role_that_may_not_see_the_list_gets_403_on_the_export_too(orgs, make_user, name, role):
    client = client_of(make_user(role, orgs["WJD"], username="not_for_this_list"))
    _api, page, export, *_ = LISTS[name]
    assert client.get(reverse(f"enforcement:{page}")).status_code == 403
    assert client.get(reverse(f"enforcement:{export}")).status_code == 403


@pytest.mark.parametrize("name", list(LISTS))
def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_export(client, name):
    response = client.get(reverse(f"enforcement:{LISTS[name][2]}"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
