"""One filter definition for the emergency plan list (EmergencyPlanFilters): the page, the API and the Excel export
give the same rows, within the user's reach."""

import datetime as dt

import pytest
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.emergency import services

pytestmark = pytest.mark.django_db

API = "/api/v1/emergency/plans"


@pytest.fixture
def gz_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")


@pytest.fixture
def plans(plan, orgs, supervisor, gz_supervisor):
    def save(org, kind, title, contacts, actor):
        day = dt.date(2026, 3, 1)
        return services.plan_save(
            org=org, kind=kind, title=title, contacts=contacts, revised_on=day, actor=actor
        )

    food = save(orgs["WJD"], "food_safety", "文锦渡食品安全事故应急预案", "文锦渡值班室", supervisor)
    services.drill_record(
        plan=food, held_on=dt.date(2026, 4, 1), scenario="冷链食品污染", findings="流程顺畅", actor=supervisor
    )
    far = save(orgs["GZ"], "port_health", "广州局口岸疫情应急预案", "广州值班室", gz_supervisor)
    return {"port": plan.title, "food": food.title, "far": far.title}


def _check(client, plans, query, expected):
    same_rows(
        client,
        page=reverse("emergency:list"),
        api=API,
        export=reverse("emergency:export"),
        query=query,
        expected={plans[name] for name in expected},
        every=set(plans.values()),
        field="title",
        column=1,
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"port", "food"}),
        ({"kind": "food_safety"}, {"food"}),
        ({"unit": "SZ"}, {"port"}),
        ({"unit": "WJD", "kind": "port_health"}, set()),
        ({"q": "文锦渡值班"}, {"food"}),
    ],
)
def test_the_page_api_and_export_give_the_same_rows(plans, supervisor, query, expected):
    _check(client_of(supervisor), plans, query, expected)


def test_another_units_plans_never_appear(plans, gz_supervisor):
    client = client_of(gz_supervisor)
    _check(client, plans, {}, {"far"})
    _check(client, plans, {"unit": "SZ"}, set())


def test_the_export_follows_the_filters_shown_and_reads_in_chinese(plans, supervisor):
    client = client_of(supervisor)
    fragment = client.get(reverse("emergency:list"), {"kind": "food_safety"}, HTTP_HX_REQUEST="true")
    assert f'{reverse("emergency:export")}?kind=food_safety"' in fragment.content.decode()
    rows = sheet(client.get(reverse("emergency:export"), {"kind": "food_safety"}))
    assert rows[0][:3] == ("类型", "标题", "所属单位")
    assert rows[1][0] == "重大食品安全事故" and rows[1][4] == 1


def test_the_api_refuses_an_unknown_kind_by_name_and_the_page_ignores_it(supervisor):
    refuses_bad_choice(client_of(supervisor), page=reverse("emergency:list"), api=API, name="kind")


def test_an_enterprise_gets_403_on_the_export_too(make_user):
    client = client_of(make_user(Role.ENTERPRISE, None, username="enterprise_user"))
    assert client.get(reverse("emergency:list")).status_code == 403
    assert client.get(reverse("emergency:export")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_export(client):
    response = client.get(reverse("emergency:export"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


# The responses (ActivationFilters): an API list only; the plan list shows those under way.

ACTIVATIONS = "/api/v1/emergency/activations"


@pytest.fixture
def responses(activation, plans, orgs, supervisor, gz_supervisor):
    from guomen.emergency.models import EmergencyPlan

    closed = services.plan_activate(
        plan=EmergencyPlan.objects.get(title=plans["food"]), situation="冷链污染", actor=supervisor
    )
    services.activation_close(activation=closed, review="处置完毕", actor=supervisor)
    far = services.plan_activate(
        plan=EmergencyPlan.objects.get(title=plans["far"]), situation="广州疫情", actor=gz_supervisor
    )
    return {"active": activation.situation, "closed": closed.situation, "far": far.situation}


def _situations(client, query) -> set:
    answer = client.get(ACTIVATIONS, query)
    assert answer.status_code == 200, answer.content[:300]
    return {row["situation"] for row in answer.json()["results"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [({}, {"active", "closed"}), ({"status": "active"}, {"active"}), ({"status": "closed"}, {"closed"})],
)
def test_the_response_api_filters_by_status(responses, supervisor, query, expected):
    assert _situations(client_of(supervisor), query) == {responses[name] for name in expected}


def test_another_units_responses_never_appear(responses, gz_supervisor):
    client = client_of(gz_supervisor)
    assert _situations(client, {}) == {responses["far"]}
    assert _situations(client, {"status": "closed"}) == set()


def test_the_response_api_refuses_an_unknown_status_by_name(supervisor):
    answer = client_of(supervisor).get(ACTIVATIONS, {"status": "no-such-value"})
    assert answer.status_code == 422 and list(answer.json()["fields"]) == ["status"]
