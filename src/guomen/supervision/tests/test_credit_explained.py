"""Credit explained: the score is the base plus the events in force, the grade follows the thresholds, the
page and the API show each event with its rule, and only the enterprise and its jurisdiction read them."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.supervision import services
from guomen.supervision.explain import credit_explain

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
API = "/api/v1/enterprise/credit"


def violation(firm, actor, severity="serious", days=10):
    return services.credit_event_record(
        enterprise=firm,
        kind="violation",
        severity=severity,
        occurred_on=TODAY - dt.timedelta(days=days),
        description="货证不符",
        evidence="深关监〔2026〕1号",
        actor=actor,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_no_events_is_the_base_score(firm):
    x = credit_explain(enterprise=firm)
    assert (x.score, x.lines, x.consistent) == (100, [], True)


def test_score_is_the_base_plus_the_events(firm, supervisor):
    violation(firm, supervisor)
    x = credit_explain(enterprise=firm)
    assert (x.score, x.computed_grade, x.points_in_force) == (88, "B", -12)


def test_stored_grade_follows_the_recorded_event(firm, supervisor):
    violation(firm, supervisor)
    firm.refresh_from_db()
    assert credit_explain(enterprise=firm).grade == "B"


def test_an_event_past_the_window_no_longer_counts(firm, supervisor):
    violation(firm, supervisor, days=800)
    x = credit_explain(enterprise=firm)
    assert (x.score, x.lines[0].counts) == (100, False)


def test_each_event_names_its_rule(firm, supervisor):
    violation(firm, supervisor)
    assert "12" in credit_explain(enterprise=firm).lines[0].rule


def test_the_thresholds_of_every_grade_are_given(firm):
    bands = {b.grade: (b.min_score, b.max_score) for b in credit_explain(enterprise=firm).bands}
    assert bands == {"AA": (105, None), "A": (95, 105), "B": (85, 95), "C": (70, 85), "D": (None, 70)}


def test_restoration_says_when_deductions_expire(firm, supervisor):
    violation(firm, supervisor)
    expires = TODAY - dt.timedelta(days=10) + dt.timedelta(days=730)
    assert any(str(expires) in t for t in credit_explain(enterprise=firm).restore)


def test_blacklisting_explains_grade_d_with_a_full_score(firm, supervisor, second_supervisor, analyst):
    entry = services.blacklist_propose(enterprise=firm, reason="伪造证书", actor=analyst)
    services.blacklist_decide(entry=entry, approve=True, note="列入", actor=supervisor)
    firm.refresh_from_db()
    x = credit_explain(enterprise=firm)
    assert (x.grade, x.score, x.blacklisted, x.consistent) == ("D", 100, True, True)


def test_enterprise_user_reads_its_own_credit_by_api(firm, firm_user, supervisor):
    violation(firm, supervisor)
    body = client_for(firm_user).get(API).json()
    assert (body["grade"], body["credit_score"], [e["points"] for e in body["events"]]) == ("B", 88, [-12])


def test_staff_name_the_enterprise_by_uscc(firm, supervisor):
    assert client_for(supervisor).get(API, {"uscc": firm.uscc}).json()["uscc"] == firm.uscc


def test_staff_without_uscc_get_a_422_naming_it(supervisor):
    response = client_for(supervisor).get(API)
    assert response.status_code == 422 and "uscc" in response.json()["fields"]


@pytest.mark.parametrize(("who", "status"), [("gz_supervisor", 404), ("other_user", 404)])
def test_others_cannot_read_the_enterprise_credit(request, firm, other_firm, make_user, who, status):
    if who == "other_user":
        user = make_user(Role.ENTERPRISE, None, enterprise=other_firm, username="other_user")
    else:
        user = request.getfixturevalue(who)
    assert client_for(user).get(API, {"uscc": firm.uscc}).status_code == status


def test_anonymous_cannot_read_credit(firm):
    assert Client().get(API, {"uscc": firm.uscc}).status_code == 401


def test_enterprise_system_key_reads_its_own_enterprise_only(firm, other_firm, orgs):
    from guomen.accounts.services import api_key_create

    _key, raw = api_key_create(name="ERP", org_code="WJD", enterprise=firm)
    assert Client().get(API, HTTP_X_API_KEY=raw).json()["uscc"] == firm.uscc
    assert Client().get(API, {"uscc": other_firm.uscc}, HTTP_X_API_KEY=raw).status_code == 404


def test_page_shows_grade_score_and_events(firm, firm_user, supervisor):
    violation(firm, supervisor)
    html = client_for(firm_user).get(f"/supervision/enterprises/{firm.pk}/credit/explained/").content.decode()
    assert 'data-testid="credit-score">88<' in html and "-12" in html


def test_page_of_another_enterprise_is_not_found(firm, other_firm, make_user):
    user = make_user(Role.ENTERPRISE, None, enterprise=other_firm, username="other_user")
    assert client_for(user).get(f"/supervision/enterprises/{firm.pk}/credit/explained/").status_code == 404


def test_my_credit_leads_the_enterprise_user_to_its_page(firm, firm_user):
    response = client_for(firm_user).get("/supervision/my/credit/")
    assert response.url == f"/supervision/enterprises/{firm.pk}/credit/explained/"
