"""The export certificates API and pages: the permission matrix for every endpoint, scoping, bad input."""

import json

import pytest
from django.test import Client

from guomen.certificates.services import certificates_issue_for_declaration

from .conftest import released_export

pytestmark = pytest.mark.django_db
DENIED = {302, 401, 403, 404}


def _call(user, method, url, body=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _post_form(user, url, data):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.post(url, data)


@pytest.fixture
def people(
    inspector,
    supervisor,
    other_supervisor,
    far_supervisor,
    exporter_user,
    other_exporter_user,
    other_inspector,
):
    return {
        "anonymous": None,
        "inspector": inspector,
        "issuer": supervisor,
        "other_supervisor": other_supervisor,
        "far_supervisor": far_supervisor,
        "other_inspector": other_inspector,
        "exporter": exporter_user,
        "other_exporter": other_exporter_user,
    }


def _reads(n):
    return [
        f"/api/v1/exports/certificates/{n}",
        f"/api/v1/exports/certificates/{n}/ephyto.xml",
        f"/api/v1/exports/certificates/{n}/certificate.pdf",
        f"/certificates/{n}/",
        f"/certificates/{n}/certificate.pdf",
        f"/certificates/{n}/ephyto.xml",
    ]


@pytest.mark.parametrize("who", ["inspector", "issuer", "other_supervisor", "exporter"])
def test_reads_allowed_to_the_unit_and_the_exporter(phyto, people, who):
    for url in _reads(phyto.number):
        response = _call(people[who], "get", url)
        assert response.status_code == 200, (who, url, response.status_code)


@pytest.mark.parametrize("who", ["anonymous", "far_supervisor", "other_inspector", "other_exporter"])
def test_reads_refused_elsewhere(phyto, people, who):
    for url in _reads(phyto.number):
        assert _call(people[who], "get", url).status_code in DENIED, (who, url)


def test_list_is_the_users_own_newest_first_paginated(orgs, exporter, other_exporter, supervisor, people):
    first = certificates_issue_for_declaration(
        declaration=released_export(orgs["WJD"], exporter), actor=supervisor
    )[0]
    second = certificates_issue_for_declaration(
        declaration=released_export(orgs["WJD"], exporter, hs_codes=("0202300000",)), actor=supervisor
    )[0]
    elsewhere = released_export(orgs["BY"], other_exporter, hs_codes=("9503000000",))
    certificates_issue_for_declaration(declaration=elsewhere, actor=None)
    body = _call(people["exporter"], "get", "/api/v1/exports/certificates").json()
    assert body["count"] == 2
    assert [i["number"] for i in body["results"]] == [second.number, first.number]
    item = body["results"][1]
    assert {k: item[k] for k in ("number", "kind", "status", "declaration_number", "has_ephyto")} == {
        "number": first.number,
        "kind": "phytosanitary",
        "status": "valid",
        "declaration_number": first.declaration.number,
        "has_ephyto": True,
    }
    assert _call(people["far_supervisor"], "get", "/api/v1/exports/certificates").json()["count"] == 1
    assert _call(people["other_exporter"], "get", "/api/v1/exports/certificates").json()["count"] == 1
    assert _call(None, "get", "/api/v1/exports/certificates").status_code == 401
    paged = _call(people["exporter"], "get", "/api/v1/exports/certificates?limit=1&offset=1").json()
    assert [i["number"] for i in paged["results"]] == [first.number]
    assert _call(people["exporter"], "get", "/api/v1/exports/certificates?limit=0").status_code == 422


def test_list_page_shows_the_users_certificates(phyto, people):
    body = _call(people["exporter"], "get", "/certificates/").content.decode()
    assert phyto.number in body
    assert phyto.number not in _call(people["other_exporter"], "get", "/certificates/").content.decode()
    assert _call(None, "get", "/certificates/").status_code == 302


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {401}),
        ("inspector", {403}),
        ("exporter", {403}),
        ("other_exporter", {403, 404}),
        ("far_supervisor", {404}),
        ("issuer", {403}),  # four eyes
        ("other_supervisor", {201}),
    ],
)
def test_replace_matrix(phyto, people, who, expected):
    response = _call(
        people[who], "post", f"/api/v1/exports/certificates/{phyto.number}/replace", {"reason": "更正"}
    )
    assert response.status_code in expected, (who, response.content)
    if response.status_code == 201:
        body = response.json()
        assert body["replaces"] == phyto.number and body["status"] == "valid"
        old = _call(people[who], "get", f"/api/v1/exports/certificates/{phyto.number}").json()
        assert old["status"] == "replaced" and old["valid_number"] == body["number"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {401}),
        ("inspector", {403}),
        ("exporter", {403}),
        ("far_supervisor", {404}),
        ("issuer", {403}),
        ("other_supervisor", {200}),
    ],
)
def test_withdraw_matrix(phyto, people, who, expected):
    response = _call(
        people[who], "post", f"/api/v1/exports/certificates/{phyto.number}/withdraw", {"reason": "未出运"}
    )
    assert response.status_code in expected, (who, response.content)


def test_withdraw_without_reason_is_422_naming_the_field(phyto, people):
    response = _call(
        people["other_supervisor"],
        "post",
        f"/api/v1/exports/certificates/{phyto.number}/withdraw",
        {"reason": ""},
    )
    assert response.status_code == 422 and "reason" in response.json()["fields"]
    response = _call(
        people["other_supervisor"], "post", f"/api/v1/exports/certificates/{phyto.number}/withdraw", {}
    )
    assert response.status_code == 422


def test_ephyto_of_incomplete_record_is_422_naming_the_data(orgs, exporter, supervisor, people):
    (cert,) = certificates_issue_for_declaration(
        declaration=released_export(orgs["WJD"], exporter, destination=None), actor=supervisor
    )
    response = _call(people["exporter"], "get", f"/api/v1/exports/certificates/{cert.number}/ephyto.xml")
    assert response.status_code == 422 and response.json()["code"] == "ephyto_incomplete"
    assert "目的" in json.dumps(response.json(), ensure_ascii=False)


def test_page_forms_replace_and_withdraw(phyto, people):
    url = f"/certificates/{phyto.number}/"
    assert (
        'data-testid="certificate-replace"' in _call(people["other_supervisor"], "get", url).content.decode()
    )
    assert 'data-testid="certificate-replace"' not in _call(people["issuer"], "get", url).content.decode()
    assert 'data-testid="certificate-replace"' not in _call(people["exporter"], "get", url).content.decode()
    response = _post_form(people["other_supervisor"], f"{url}withdraw/", {"reason": "货物未出运"})
    assert response.status_code == 302
    phyto.refresh_from_db()
    assert phyto.status == "withdrawn"
    assert (
        _post_form(people["exporter"], f"/certificates/{phyto.number}/replace/", {"reason": "x"}).status_code
        == 403
    )
    assert _post_form(None, f"/certificates/{phyto.number}/replace/", {"reason": "x"}).status_code == 302
    assert (
        _post_form(
            people["far_supervisor"], f"/certificates/{phyto.number}/withdraw/", {"reason": "x"}
        ).status_code
        == 404
    )


def test_public_check_shows_which_certificate_is_valid_and_nothing_private(phyto, people):
    from guomen.certificates.services import certificate_replace

    new = certificate_replace(certificate=phyto, actor=people["other_supervisor"], reason="收货人名称更正")
    page = Client().get("/public/certificate/", {"number": phyto.number, "code": phyto.verification_code})
    body = page.content.decode()
    assert page.status_code == 200 and "已替换" in body and new.number in body
    for private in (phyto.declaration.number, phyto.declaration.declarant.name_zh, "收货人名称更正", "菜心"):
        assert private not in body
    page = Client().get("/public/certificate/", {"number": new.number, "code": new.verification_code})
    assert page.status_code == 200 and "有效" in page.content.decode()


def test_public_check_with_a_wrong_code_finds_nothing(phyto):
    page = Client().get("/public/certificate/", {"number": phyto.number, "code": "AAAAAAAA"})
    assert page.status_code == 404 and 'data-testid="certificate-check"' not in page.content.decode()
