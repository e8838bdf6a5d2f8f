"""Emergency plans: services, the permission matrix of every endpoint, the page."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.emergency import services
from guomen.emergency.models import Activation, EmergencyPlan

pytestmark = pytest.mark.django_db
DENIED = {302, 401, 403, 404, 422}


def _call(user, method, url, body=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_an_activation_is_closed_with_a_review_and_only_once(plan, supervisor):
    activation = services.plan_activate(
        plan=plan, situation="入境旅客发热", instructions="隔离、转运、报告", actor=supervisor
    )
    with pytest.raises(ValidationFailed):
        services.activation_close(activation=activation, review="", actor=supervisor)
    services.activation_close(activation=activation, review="处置完毕", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.activation_close(activation=activation, review="再次", actor=supervisor)


def test_another_jurisdiction_cannot_activate_the_plan(plan, orgs, make_user):
    with pytest.raises(PermissionDenied):
        services.plan_activate(plan=plan, situation="x", actor=make_user(Role.SUPERVISOR, orgs["GZ"]))
    assert not Activation.objects.exists()


def test_an_unknown_plan_kind_names_the_field(orgs, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.plan_save(
            org=orgs["SZ"],
            kind="nonsense",
            title="x",
            contacts="x",
            revised_on=dt.date(2026, 1, 1),
            actor=supervisor,
        )
    assert "kind" in exc.value.fields and not EmergencyPlan.objects.exists()


@pytest.mark.parametrize("index", range(5))
def test_api_permission_matrix(request, plan, supervisor, index, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    activation = services.plan_activate(plan=plan, situation="演练转实战", actor=supervisor)
    endpoints = [
        ("get", "/api/v1/emergency/plans", None, "inspector", 200, None),
        (
            "post",
            "/api/v1/emergency/plans",
            {
                "kind": "network",
                "title": "网络与信息系统应急预案",
                "contacts": "信息中心",
                "revised_on": "2026-02-01",
            },
            "supervisor",
            201,
            "inspector",
        ),
        (
            "post",
            f"/api/v1/emergency/plans/{plan.pk}/drills",
            {"held_on": "2026-05-01", "scenario": "演练", "findings": "改进"},
            "supervisor",
            201,
            "inspector",
        ),
        (
            "post",
            f"/api/v1/emergency/plans/{plan.pk}/activate",
            {"situation": "疫情", "instructions": "处置"},
            "supervisor",
            201,
            "inspector",
        ),
        (
            "post",
            f"/api/v1/emergency/activations/{activation.pk}/close",
            {"review": "结束"},
            "supervisor",
            200,
            "inspector",
        ),
    ]
    method, url, body, allowed, ok, wrong = endpoints[index]
    users = {
        "anonymous": None,
        "enterprise_user": make_user(Role.ENTERPRISE, None, EnterpriseFactory(org=orgs["WJD"])),
        "other_unit": make_user(allowed, orgs["BY"]),
    }
    if wrong:
        users["wrong_role"] = make_user(wrong, orgs["SZ"])
    for case, user in users.items():
        response = _call(user, method, url, body)
        if method == "get" and case == "other_unit":
            assert response.json()["results"] == [], case
        elif url.endswith("/plans") and method == "post" and case == "other_unit":
            assert response.status_code == 201  # a unit files its own plans
        else:
            assert response.status_code in DENIED, (case, url, response.status_code)
    response = _call(request.getfixturevalue(allowed), method, url, body)
    assert response.status_code == ok, response.content[:300]


def test_the_page_lists_the_plan_in_chinese(client, plan, supervisor):
    client.force_login(supervisor)
    page = client.get(reverse("emergency:list")).content.decode()
    assert "深圳局口岸突发传染病疫情应急预案" in page and "口岸突发传染病疫情" in page
