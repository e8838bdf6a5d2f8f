"""Assigning inspectors by hand through the page and the API: who may, what they see, clean refusals."""

import json

import pytest
from django.test import Client
from django.urls import reverse


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _form(task, a, b, reason="原抽取查验员回避，人工补足", version=None):
    return {
        "inspector_a": a.pk if a else "",
        "inspector_b": b.pk if b else "",
        "reason": reason,
        "version": task.version if version is None else version,
    }


# --- the page ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "statuses"),
    [
        ("inspector", {403}),
        ("analyst", {403}),
        ("gz_supervisor", {404}),
        ("firm_user", {404}),
        ("lab_analyst", {404}),
        ("other_inspector", {404}),
    ],
)
def test_page_matrix(request, flagged, crew, who, statuses):
    url = reverse("supervision:check_assign", args=[flagged.pk])
    assert _client().get(url).status_code == 302  # anonymous → login
    user = request.getfixturevalue(who)
    assert _client(user).get(url).status_code in statuses
    response = _client(user).post(url, _form(flagged, crew["wjd"], crew["hg1"]))
    assert response.status_code in statuses
    flagged.refresh_from_db()
    assert flagged.inspector_b is None


def test_supervisor_sees_eligible_inspectors_and_why_others_are_excluded(flagged, supervisor):
    page = _client(supervisor).get(reverse("supervision:check_assign", args=[flagged.pk])).content.decode()
    assert 'data-testid="flagged"' in page and "皇岗一" in page
    excluded = page.split('data-testid="excluded"')[1]
    assert "王亲" in excluded and "亲属在该企业任职" in excluded


def test_supervisor_assigns_on_the_page_and_the_check_shows_it(flagged, crew, supervisor):
    client = _client(supervisor)
    response = client.post(
        reverse("supervision:check_assign", args=[flagged.pk]), _form(flagged, crew["wjd"], crew["hg1"])
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="manual-mark"' in page and "人工指派" in page and "皇岗一" in page


def test_a_conflicted_choice_comes_back_with_the_reason(flagged, crew, supervisor):
    url = reverse("supervision:check_assign", args=[flagged.pk])
    response = _client(supervisor).post(url, _form(flagged, crew["wjd"], crew["conflicted"]))
    assert response.status_code == 422 and "亲属在该企业任职" in response.content.decode()


def test_a_missing_reason_comes_back_on_the_page(flagged, crew, supervisor):
    url = reverse("supervision:check_assign", args=[flagged.pk])
    response = _client(supervisor).post(url, _form(flagged, crew["wjd"], crew["hg1"], reason=""))
    assert response.status_code == 422 and "请填写理由" in response.content.decode()


def test_a_stale_page_gets_a_conflict(flagged, crew, supervisor):
    url = reverse("supervision:check_assign", args=[flagged.pk])
    stale = flagged.version
    assert (
        _client(supervisor).post(url, _form(flagged, crew["wjd"], crew["hg1"], version=stale)).status_code
        == 302
    )
    response = _client(supervisor).post(url, _form(flagged, crew["hg1"], crew["wjd"], version=stale))
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()


def test_the_lone_inspector_is_told_the_check_cannot_start(flagged, crew):
    page = _client(crew["wjd"]).get(reverse("supervision:check_detail", args=[flagged.pk])).content.decode()
    assert 'data-testid="start-problem"' in page and 'data-testid="check-submit"' not in page


def test_the_lone_inspector_sees_the_second_place_is_open_in_the_task_list(flagged, crew):
    page = _client(crew["wjd"]).get(reverse("supervision:my_checks")).content.decode()
    assert "深圳市指派对象有限公司" in page and "第二名执法人员尚待指派" in page


def test_plan_page_links_the_flagged_check_for_a_supervisor(flagged, supervisor, analyst):
    url = reverse("supervision:plan_detail", args=[flagged.plan_id])
    assert 'data-testid="assign-flagged"' in _client(supervisor).get(url).content.decode()
    assert 'data-testid="assign-flagged"' not in _client(analyst).get(url).content.decode()


# --- the API -------------------------------------------------------------------------------------------


def _api(user, method, url, body=None):
    client = _client(user)
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _body(a="inspector_wjd", b="hg_1", reason="原抽取查验员回避", **kw):
    return {"inspector_a": a, "inspector_b": b, "reason": reason, **kw}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "who", [None, "inspector", "analyst", "lab_analyst", "gz_supervisor", "other_inspector", "firm_user"]
)
def test_api_matrix(request, flagged, crew, method, who):
    path = "inspector-options" if method == "get" else "inspectors"
    user = request.getfixturevalue(who) if who else None
    response = _api(user, method, f"/api/v1/supervision/checks/{flagged.pk}/{path}", _body())
    assert response.status_code in {401, 403, 404}, (who, response.status_code)
    flagged.refresh_from_db()
    assert flagged.inspector_b is None


def test_api_options_give_the_reasons(flagged, supervisor):
    rows = _api(supervisor, "get", f"/api/v1/supervision/checks/{flagged.pk}/inspector-options").json()[
        "results"
    ]
    kin = next(r for r in rows if r["username"] == "wjd_kin")
    assert not kin["eligible"] and "亲属在该企业任职" in kin["reasons"][0]
    assert next(r for r in rows if r["username"] == "hg_1")["eligible"]


def test_api_assigns_and_marks_the_check_manual(flagged, supervisor):
    response = _api(supervisor, "post", f"/api/v1/supervision/checks/{flagged.pk}/inspectors", _body())
    body = response.json()
    assert response.status_code == 200 and body["inspector_selection"] == "manual"
    assert [(i["username"], i["manual"]) for i in body["inspectors"]] == [
        ("inspector_wjd", False),
        ("hg_1", True),
    ]


def test_api_refuses_a_conflicted_inspector_with_422(flagged, supervisor):
    response = _api(
        supervisor, "post", f"/api/v1/supervision/checks/{flagged.pk}/inspectors", _body(b="wjd_kin")
    )
    assert response.status_code == 422 and "亲属在该企业任职" in response.json()["fields"]["inspector_b"][0]


def test_api_unknown_user_name_is_a_422(flagged, supervisor):
    response = _api(
        supervisor, "post", f"/api/v1/supervision/checks/{flagged.pk}/inspectors", _body(b="nobody")
    )
    assert response.status_code == 422 and "inspector_b" in response.json()["fields"]


def test_api_stale_version_is_a_409(flagged, supervisor):
    url = f"/api/v1/supervision/checks/{flagged.pk}/inspectors"
    assert _api(supervisor, "post", url, _body(expected_version=flagged.version)).status_code == 200
    response = _api(supervisor, "post", url, _body(b="wjd_kin", expected_version=flagged.version))
    assert response.status_code == 409 and response.json()["code"] == "conflict"
