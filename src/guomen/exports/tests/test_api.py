"""Export chain API: behaviour and the permission matrix for every endpoint (anonymous, wrong role, another unit,
another enterprise)."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.exports.models import ExportSite, InputRecord, LoadingRecord
from guomen.inspections.tests.factories import jpeg_with_exif

from .factories import export_declaration, make_batch

pytestmark = pytest.mark.django_db
DENIED = {302, 401, 403, 404}
LISTS = ("/api/v1/exports/sites", "/api/v1/exports/batches")  # lists: nothing of theirs, not a refusal


def _call(user, method, url, body=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    if method == "get":
        return client.get(url)
    if method == "multipart":
        return client.post(url, body)
    return client.post(url, json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def world(orgs, exporter, site):
    declaration = export_declaration(orgs["WJD"], exporter, status="under_inspection")
    return {"site": site, "batch": make_batch(site), "declaration": declaration, "exporter": exporter}


def _endpoints(w):
    s, b, d = w["site"].pk, w["batch"].number, w["declaration"].number
    today = str(timezone.localdate())
    api = "/api/v1/exports"
    return [
        # method, url, body, allowed role, expected status, wrong role
        ("get", f"{api}/sites", None, "inspector", 200, None),
        (
            "post",
            f"{api}/sites",
            {
                "enterprise": w["exporter"].uscc,
                "name": "从化荔枝基地",
                "kind": "planting",
                "address": "广州市从化区",
                "commodities": ["081090"],
                "destinations": ["HK"],
            },
            "supervisor",
            201,
            "inspector",
        ),
        ("get", f"{api}/sites/{s}", None, "inspector", 200, None),
        (
            "post",
            f"{api}/sites/{s}/status",
            {"to": "suspended", "reason": "检出禁用药物"},
            "supervisor",
            200,
            "inspector",
        ),
        ("post", f"{api}/sites/{s}/review", {"reviewed_on": today}, "supervisor", 200, "inspector"),
        ("get", f"{api}/sites/{s}/inputs", None, "inspector", 200, None),
        (
            "post",
            f"{api}/sites/{s}/inputs",
            {
                "kind": "pesticide",
                "product": "吡虫啉",
                "substance": "imidacloprid",
                "dose": "1.2",
                "unit": "kg/ha",
                "used_on": today,
            },
            "inspector",
            201,
            "lab_analyst",
        ),
        (
            "post",
            f"{api}/sites/{s}/batches",
            {"commodity": "081090", "quantity": "800", "harvested_on": today, "destination": "HK"},
            "inspector",
            201,
            "lab_analyst",
        ),
        ("get", f"{api}/batches", None, "inspector", 200, None),
        ("get", f"{api}/batches/{b}", None, "inspector", 200, None),
        ("get", f"{api}/declarations/{d}/batches", None, "inspector", 200, None),
        ("post", f"{api}/declarations/{d}/batches", {"batches": [b]}, "inspector", 200, "lab_analyst"),
        ("get", f"{api}/declarations/{d}/loadings", None, "inspector", 200, None),
        (
            "multipart",
            f"{api}/declarations/{d}/loadings",
            {"container_number": "CSQU3054383", "seal_number": "SZ0001"},
            "inspector",
            201,
            "lab_analyst",
        ),
    ]


N = 14


@pytest.mark.parametrize("index", range(N))
def test_api_permission_matrix(request, world, index, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    endpoints = _endpoints(world)
    assert len(endpoints) == N
    method, url, body, allowed, ok, wrong = endpoints[index]
    stranger = make_user(Role.ENTERPRISE, None, EnterpriseFactory(org=orgs["WJD"]))
    users = {"anonymous": None, "other_enterprise": stranger, "other_unit": make_user(allowed, orgs["BY"])}
    if wrong:
        users["wrong_role"] = make_user(wrong, orgs["WJD"])
    for case, user in users.items():
        response = _call(user, method, url, body)
        if method == "get" and url in LISTS and user is not None:
            assert response.status_code == 200 and response.json()["results"] == [], (
                case,
                url,
            )  # nothing of theirs
        else:
            assert response.status_code in DENIED | {422}, (case, url, response.status_code)
    response = _call(request.getfixturevalue(allowed), method, url, body)
    assert response.status_code == ok, response.content[:300]


def test_the_substance_list_is_reference_data_for_every_signed_in_user(exporter_user):
    assert _call(None, "get", "/api/v1/exports/substances").status_code == 401
    codes = {s["code"] for s in _call(exporter_user, "get", "/api/v1/exports/substances").json()["results"]}
    assert {"imidacloprid", "malachite_green"} <= codes


def test_the_enterprise_keeps_its_own_chain_but_cannot_review_or_load(world, exporter_user):
    site, api = world["site"], "/api/v1/exports"
    assert [s["id"] for s in _call(exporter_user, "get", f"{api}/sites").json()["results"]] == [site.pk]
    applied = _call(
        exporter_user,
        "post",
        f"{api}/sites",
        {
            "name": "南沙水产养殖场",
            "kind": "farm",
            "address": "广州市南沙区",
            "commodities": ["081090"],
            "destinations": ["HK"],
            "hk_macao": True,
        },
    )
    assert applied.status_code == 201 and applied.json()["status"] == "applied"
    assert (
        _call(
            exporter_user, "post", f"{api}/sites/{site.pk}/status", {"to": "cancelled", "reason": "x"}
        ).status_code
        == 403
    )
    attach = _call(
        exporter_user,
        "post",
        f"{api}/declarations/{world['declaration'].number}/batches",
        {"batches": [world["batch"].number]},
    )
    assert attach.status_code == 200 and attach.json()[0]["number"] == world["batch"].number
    loading = _call(
        exporter_user,
        "multipart",
        f"{api}/declarations/{world['declaration'].number}/loadings",
        {"container_number": "CSQU3054383", "seal_number": "S1"},
    )
    assert loading.status_code == 403 and not LoadingRecord.objects.exists()
    assert ExportSite.objects.get(pk=site.pk).status == "registered"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"substance": "unobtainium"}, "substance"),
        ({"dose": "-1"}, "dose"),
        ({"used_on": "2999-01-01"}, "used_on"),
    ],
)
def test_a_bad_input_record_is_a_422_naming_the_field_in_chinese(world, exporter_user, body, field):
    payload = {
        "kind": "pesticide",
        "product": "吡虫啉",
        "substance": "imidacloprid",
        "dose": "1.2",
        "unit": "kg/ha",
        "used_on": str(timezone.localdate()),
        **body,
    }
    response = _call(exporter_user, "post", f"/api/v1/exports/sites/{world['site'].pk}/inputs", payload)
    assert response.status_code == 422 and field in response.json()["fields"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["fields"][field][0])
    assert not InputRecord.objects.exists()


def test_a_batch_of_a_suspended_site_is_a_422_naming_the_site(world, exporter_user, supervisor):
    from guomen.exports import services

    services.site_set_status(site=world["site"], to="suspended", reason="农残超标", actor=supervisor)
    response = _call(
        exporter_user,
        "post",
        f"/api/v1/exports/sites/{world['site'].pk}/batches",
        {
            "commodity": "081090",
            "quantity": "800",
            "harvested_on": str(timezone.localdate()),
            "destination": "HK",
        },
    )
    assert response.status_code == 422 and "已暂停" in response.json()["fields"]["site"][0]


def test_loading_with_photos_through_the_api(world, inspector):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _call(
        inspector,
        "multipart",
        f"/api/v1/exports/declarations/{world['declaration'].number}/loadings",
        {
            "container_number": "CSQU3054383",
            "seal_number": "SZ0001",
            "photos": [SimpleUploadedFile("a.jpg", jpeg_with_exif(), "image/jpeg")],
        },
    )
    assert response.status_code == 201 and response.json()["photos"] == 1
    bad = _call(
        inspector,
        "multipart",
        f"/api/v1/exports/declarations/{world['declaration'].number}/loadings",
        {"container_number": "CSQU3054384", "seal_number": "SZ0001"},
    )
    assert bad.status_code == 422 and "container_number" in bad.json()["fields"]
