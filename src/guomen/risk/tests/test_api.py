"""Risk API: permission matrix for every endpoint, and the main flows."""

import pytest

from guomen.accounts.choices import Role
from guomen.risk.early_warnings import warning_create
from guomen.risk.measures import measure_add

from .factories import make_signal, measure_data, warning_data

pytestmark = pytest.mark.django_db
API = "/api/v1/risk"


@pytest.fixture
def objs(rw):
    signal = make_signal(rw)
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    measure = measure_add(warning=warning, actor=rw["analyst"], data=measure_data(rw, "consumer_warning"))
    return {"signal": signal, "warning": warning, "measure": measure}


def endpoints(o):
    s, c, w, m = o["signal"].pk, o["signal"].cluster_id, o["warning"].pk, o["measure"].pk
    return [
        ("get", f"{API}/signals", None, "risk.view"),
        ("get", f"{API}/signals/{s}", None, "risk.view"),
        ("post", f"{API}/signals", {"source": "media", "title": "报道"}, "risk.edit"),
        ("get", f"{API}/clusters", None, "risk.view"),
        ("get", f"{API}/clusters/{c}", None, "risk.view"),
        (
            "post",
            f"{API}/assessments",
            {"cluster_id": c, "risk_decision": "serious", "classification": "alert", "reasoning": "x"},
            "risk.edit",
        ),
        ("get", f"{API}/warnings", None, "risk.view"),
        ("get", f"{API}/warnings/{w}", None, "risk.view"),
        (
            "post",
            f"{API}/warnings",
            {
                "title": "t",
                "body": "b",
                "classification": "alert",
                "risk_decision": "serious",
                "addressees": ["WJD"],
            },
            "risk.edit",
        ),
        ("post", f"{API}/warnings/{w}/validate", {}, "risk.approve"),
        (
            "post",
            f"{API}/warnings/{w}/measures",
            {
                "kind": "consumer_warning",
                "owner": "ra_sz",
                "deadline": "2099-01-01",
                "lifting_condition": "c",
                "public_title": "t",
                "public_text": "x",
            },
            "risk.measure",
        ),
        ("post", f"{API}/measures/{m}/lift", {"reason": "r"}, "owner"),
        ("get", f"{API}/inbox", None, "risk.inbox"),
    ]


def call(client, method, url, body):
    if method == "get":
        return client.get(url)
    return client.post(url, body, content_type="application/json")


def test_anonymous_gets_401_everywhere(client, objs):
    for method, url, body, _p in endpoints(objs):
        assert call(client, method, url, body).status_code == 401, url


def test_enterprise_user_is_refused_everything_but_its_inbox(client, rw, objs):
    client.force_login(rw["enterprise_user"])
    for method, url, body, perm in endpoints(objs):
        expected = 200 if perm == "risk.inbox" else 403
        assert call(client, method, url, body).status_code == expected, url


@pytest.mark.parametrize("who", ["inspector", "supervisor"])
def test_wrong_role_gets_403_on_writes_it_lacks(client, rw, objs, who):
    from guomen.core.permissions import can

    client.force_login(rw[who])
    for method, url, body, perm in endpoints(objs):
        if perm in ("owner", "risk.view", "risk.inbox") or can(rw[who], perm):
            continue
        assert call(client, method, url, body).status_code == 403, url


def test_other_jurisdiction_gets_404_for_records(client, rw, objs):
    client.force_login(rw["other_analyst"])
    for url in (
        f"{API}/signals/{objs['signal'].pk}",
        f"{API}/clusters/{objs['signal'].cluster_id}",
        f"{API}/warnings/{objs['warning'].pk}",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"{API}/measures/{objs['measure'].pk}/lift", {"reason": "r"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_non_owner_analyst_cannot_lift(client, rw, objs, make_user):
    client.force_login(make_user(Role.RISK_ANALYST, rw["SZ"], username="ra_sz_2"))
    response = client.post(
        f"{API}/measures/{objs['measure'].pk}/lift", {"reason": "r"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_api_flow_from_signal_to_published_warning(client, rw):
    client.force_login(rw["analyst"])
    signal = client.post(
        f"{API}/signals",
        {
            "source": "self_report",
            "title": "企业自报：榴莲检出粉蚧",
            "origin": "TH",
            "hazard_code": "PLALIL",
            "commodity_group": "fresh_fruit",
        },
        content_type="application/json",
    )
    assert signal.status_code == 201 and signal.json()["cluster_id"]
    assessment = client.post(
        f"{API}/assessments",
        {
            "signal_id": signal.json()["id"],
            "risk_decision": "serious",
            "classification": "alert",
            "reasoning": "x",
        },
        content_type="application/json",
    )
    assert assessment.status_code == 201
    warning = client.post(
        f"{API}/warnings",
        {"title": "预警", "body": "正文", "assessment_id": assessment.json()["id"], "addressees": ["WJD"]},
        content_type="application/json",
    )
    assert warning.status_code == 201 and warning.json()["status"] == "draft"
    client.force_login(rw["supervisor"])
    number = warning.json()["id"]
    assert (
        client.post(f"{API}/warnings/{number}/validate", {}, content_type="application/json").json()["status"]
        == "validated"
    )
    client.force_login(rw["second_supervisor"])
    assert (
        client.post(f"{API}/warnings/{number}/publish", {}, content_type="application/json").json()["status"]
        == "published"
    )


def test_bad_input_names_the_field(client, rw):
    client.force_login(rw["analyst"])
    response = client.post(
        f"{API}/signals", {"source": "media", "title": "x", "origin": "ZZ"}, content_type="application/json"
    )
    assert response.status_code == 422 and "origin" in response.json()["fields"]
    response = client.post(
        f"{API}/warnings",
        {
            "title": "",
            "body": "",
            "classification": "alert",
            "risk_decision": "serious",
            "addressees": ["NOPE"],
        },
        content_type="application/json",
    )
    assert response.status_code == 422 and "addressees" in response.json()["fields"]


def test_illegal_transition_is_409(client, rw, objs):
    client.force_login(rw["supervisor"])
    response = client.post(
        f"{API}/warnings/{objs['warning'].pk}/publish", {}, content_type="application/json"
    )
    assert response.status_code == 409
