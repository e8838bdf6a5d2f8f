"""Certification API and pages: behaviour and the permission matrix for every endpoint."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.certification.models import AnnualCheck, Certificate, MarkMisuseCase

pytestmark = pytest.mark.django_db
DENIED = {302, 401, 403, 404}
ALL_OK = {item: "ok" for item in ("validity", "scope", "consistency", "marks", "system", "complaints")}


def _call(user, method, url, body=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _endpoints(holder, certificate, planned, case):
    today = str(timezone.localdate())
    return [
        # method, url, body, allowed role, expected status, wrong role
        ("get", "/api/v1/certification/certificates", None, "inspector", 200, None),
        (
            "post",
            "/api/v1/certification/certificates",
            {
                "enterprise": holder.uscc,
                "scheme": "iso9001",
                "number": "00126Q30001R0M",
                "products": "电器的进口销售",
                "valid_from": "2026-01-01",
                "valid_until": "2029-01-01",
                "body_name": "方圆标志认证集团",
            },
            "supervisor",
            201,
            "inspector",
        ),
        ("get", f"/api/v1/certification/certificates/{certificate.pk}", None, "inspector", 200, None),
        (
            "post",
            f"/api/v1/certification/certificates/{certificate.pk}/status",
            {"to": "suspended", "reason": "年度监督审核未通过"},
            "supervisor",
            200,
            "inspector",
        ),
        ("get", "/api/v1/certification/checks", None, "inspector", 200, None),
        (
            "post",
            f"/api/v1/certification/certificates/{certificate.pk}/checks",
            {"planned_on": "2026-10-01"},
            "supervisor",
            201,
            "inspector",
        ),
        (
            "post",
            f"/api/v1/certification/checks/{planned.pk}/record",
            {"results": ALL_OK},
            "inspector",
            200,
            "lab_analyst",
        ),
        (
            "post",
            f"/api/v1/certification/checks/{planned.pk}/close",
            {"rectified_on": today, "reason": "复查"},
            "inspector",
            409,
            "lab_analyst",
        ),
        ("get", "/api/v1/certification/misuse", None, "inspector", 200, None),
        (
            "post",
            "/api/v1/certification/misuse",
            {"enterprise": holder.uscc, "found_on": today, "description": "未获证产品加施CCC标志"},
            "inspector",
            201,
            "lab_analyst",
        ),
        (
            "post",
            f"/api/v1/certification/misuse/{case.pk}/decide",
            {"to": "dismissed", "reason": "经查不属实"},
            "supervisor",
            200,
            "inspector",
        ),
    ]


@pytest.fixture
def case(holder, inspector):
    from guomen.certification import services

    return services.misuse_open(
        enterprise=holder, found_on=timezone.localdate(), description="疑似冒用认证标志", actor=inspector
    )


@pytest.mark.parametrize("index", range(11))
def test_api_permission_matrix(request, holder, certificate, planned, case, index, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    method, url, body, allowed, ok, wrong = _endpoints(holder, certificate, planned, case)[index]
    stranger = make_user(Role.ENTERPRISE, None, EnterpriseFactory(org=orgs["WJD"]))
    other_unit = make_user(allowed, orgs["BY"])
    users = {"anonymous": None, "enterprise_user": stranger, "other_unit": other_unit}
    if wrong:
        users["wrong_role"] = make_user(wrong, orgs["SZ"])
    for case_name, user in users.items():
        response = _call(user, method, url, body)
        if method == "get" and url.endswith(("/certificates", "/checks", "/misuse")) and user is not None:
            assert response.status_code == 200 and response.json()["results"] == [], (
                case_name,
                url,
            )  # nothing of theirs
        else:
            assert response.status_code in DENIED | {422}, (case_name, url, response.status_code)
    response = _call(request.getfixturevalue(allowed), method, url, body)
    assert response.status_code == ok, response.content[:300]


def test_the_holder_reads_its_certificate_but_cannot_change_it(certificate, holder_user):
    assert (
        _call(holder_user, "get", f"/api/v1/certification/certificates/{certificate.pk}").status_code == 200
    )
    response = _call(
        holder_user,
        "post",
        f"/api/v1/certification/certificates/{certificate.pk}/status",
        {"to": "revoked", "reason": "x"},
    )
    assert response.status_code == 403
    assert Certificate.objects.get().status == "valid"


def test_a_bad_date_in_the_api_is_a_422_naming_the_field(certificate, supervisor):
    response = _call(
        supervisor,
        "post",
        f"/api/v1/certification/certificates/{certificate.pk}/checks",
        {"planned_on": "2026-13-45"},
    )
    assert response.status_code == 422 and "planned_on" in response.json()["fields"]
    assert not AnnualCheck.objects.exists()


def test_an_unknown_enterprise_is_a_chinese_field_error(supervisor):
    response = _call(
        supervisor,
        "post",
        "/api/v1/certification/misuse",
        {"enterprise": "91440300000000000X", "found_on": str(timezone.localdate()), "description": "x"},
    )
    assert response.status_code == 422 and "enterprise" in response.json()["fields"]
    assert not MarkMisuseCase.objects.exists()
