"""Export chain pages: who sees what, forms that name the bad field in Chinese, the phone loading form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.exports.models import InputRecord, LoadingRecord, ProductionBatch
from guomen.inspections.tests.factories import jpeg_with_exif

from .factories import export_declaration, make_batch

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(orgs, exporter, site):
    declaration = export_declaration(orgs["WJD"], exporter, status="under_inspection")
    return {"site": site, "batch": make_batch(site), "declaration": declaration}


def _pages(w):
    s, b, d = w["site"].pk, w["batch"].number, w["declaration"].number
    return [
        # url, allowed role (GET 200), wrong role (403)
        (f"/exports/sites/{s}/", "inspector", None),
        (f"/exports/sites/{s}/inputs/new/", "inspector", "lab_analyst"),
        (f"/exports/sites/{s}/batches/new/", "inspector", "lab_analyst"),
        (f"/exports/batches/{b}/", "inspector", None),
        (f"/exports/declarations/{d}/", "inspector", None),
        (f"/exports/declarations/{d}/loading/", "inspector", "lab_analyst"),
        ("/exports/sites/new/", "supervisor", "inspector"),
    ]


@pytest.mark.parametrize("index", range(7))
def test_page_permission_matrix(request, world, index, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    url, allowed, wrong = _pages(world)[index]
    assert _client(None).get(url).status_code == 302
    stranger = make_user(Role.ENTERPRISE, None, EnterpriseFactory(org=orgs["WJD"]))
    other_unit = make_user(allowed, orgs["BY"])
    for case, user in {"other_enterprise": stranger, "other_unit": other_unit}.items():
        status = _client(user).get(url).status_code
        if url == "/exports/sites/new/":
            assert (
                status == 200
            )  # an enterprise applies for itself; the service refuses an enterprise out of reach
        else:
            assert status in (403, 404), (case, url, status)
    if wrong:
        assert _client(make_user(wrong, orgs["WJD"])).get(url).status_code in (403, 404)
    assert _client(request.getfixturevalue(allowed)).get(url).status_code == 200


def test_lists_show_only_the_users_own_sites(world, other_inspector, exporter_user, inspector):
    name = world["site"].name
    assert name in _client(inspector).get("/exports/").content.decode()
    assert name in _client(exporter_user).get("/exports/").content.decode()
    assert name not in _client(other_inspector).get("/exports/").content.decode()
    assert world["batch"].number not in _client(other_inspector).get("/exports/batches/").content.decode()


def test_the_site_page_is_in_chinese(world, inspector):
    page = _client(inspector).get(f"/exports/sites/{world['site'].pk}/").content.decode()
    assert "已注册" in page and "投入品记录" in page and "生产批次" in page


def test_an_unknown_substance_on_the_form_is_named_in_chinese(world, exporter_user):
    response = _client(exporter_user).post(
        f"/exports/sites/{world['site'].pk}/inputs/new/",
        {
            "kind": "pesticide",
            "product": "某药",
            "substance": "unobtainium",
            "dose": "-1",
            "unit": "kg/ha",
            "used_on": "2999-01-01",
        },
    )
    page = response.content.decode()
    assert (
        response.status_code == 200 and "未知物质" in page and "用量必须大于零" in page and "晚于今天" in page
    )
    assert not InputRecord.objects.exists()


def test_a_batch_form_on_a_suspended_site_is_refused(world, exporter_user, supervisor):
    from guomen.exports import services

    services.site_set_status(site=world["site"], to="suspended", reason="农残超标", actor=supervisor)
    response = _client(exporter_user).post(
        f"/exports/sites/{world['site'].pk}/batches/new/",
        {
            "commodity": "081090",
            "quantity": "10",
            "unit": "kg",
            "harvested_on": str(timezone.localdate()),
            "destination": "HK",
        },
    )
    assert "只有已注册的基地" in response.content.decode()
    assert ProductionBatch.objects.count() == 1


def test_the_declarant_names_a_batch_and_the_inspector_records_the_loading(world, exporter_user, inspector):
    d = world["declaration"].number
    response = _client(exporter_user).post(
        f"/exports/declarations/{d}/", {"batches": [world["batch"].number]}
    )
    assert response.status_code == 302
    response = _client(inspector).post(
        f"/exports/declarations/{d}/loading/",
        {
            "container_number": "CSQU3054383",
            "seal_number": "SZ0001",
            "photos": [SimpleUploadedFile("a.jpg", jpeg_with_exif(), "image/jpeg")],
        },
    )
    assert response.status_code == 302
    loading = LoadingRecord.objects.get()
    page = _client(exporter_user).get(f"/exports/declarations/{d}/").content.decode()
    assert world["batch"].number in page and "CSQU3054383" in page
    photo = loading.photos.get()
    assert _client(exporter_user).get(f"/exports/loading-photos/{photo.pk}/").status_code == 200


def test_a_loading_photo_is_not_served_outside_the_jurisdiction(world, inspector, other_inspector):
    from guomen.exports import services

    loading = services.loading_record(
        declaration=world["declaration"],
        container_number="CSQU3054383",
        seal_number="S1",
        photos=[jpeg_with_exif()],
        actor=inspector,
    )
    url = f"/exports/loading-photos/{loading.photos.get().pk}/"
    assert _client(other_inspector).get(url).status_code == 404


def test_a_wrong_container_number_on_the_phone_form_is_named(world, inspector):
    response = _client(inspector).post(
        f"/exports/declarations/{world['declaration'].number}/loading/",
        {"container_number": "CSQU3054384", "seal_number": "SZ0001"},
    )
    assert "集装箱号无效" in response.content.decode() and not LoadingRecord.objects.exists()
