"""One filter definition for the sample list (SampleFilters): the page, the API and the Excel export give the same
rows, within the user's reach."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from guomen.accounts.choices import Role
from guomen.inspections.tests.factories import open_task
from guomen.labs.services import sample_custody

from .factories import LaboratoryFactory, register

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _sheet(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def samples(orgs, inspector, lab, make_user):
    registered = register(open_task(orgs["WJD"]), inspector, lab)
    sealed = register(open_task(orgs["WJD"]), inspector, lab)
    sample_custody(sample=sealed, step="sealed", scanned_code=sealed.number, actor=inspector)
    gz_inspector = make_user(Role.INSPECTOR, orgs["BY"], username="inspector_by_lab")
    gz_lab = LaboratoryFactory(code="GZLAB", name="广州海关技术中心", org=orgs["GZ"])
    elsewhere = register(open_task(orgs["BY"]), gz_inspector, gz_lab)
    return {"registered": registered, "sealed": sealed, "elsewhere": elsewhere}


def test_page_api_and_export_give_the_same_rows(samples, supervisor):
    client = _client(supervisor)
    numbers = {name: s.number for name, s in samples.items()}
    for query, expected in [
        ({"status": "sealed"}, ["sealed"]),
        ({"q": numbers["registered"]}, ["registered"]),
        ({"laboratory": "szlab"}, ["registered", "sealed"]),
        ({}, ["registered", "sealed"]),
    ]:
        api = client.get("/api/v1/labs/samples", query).json()
        assert sorted(s["number"] for s in api["results"]) == sorted(numbers[n] for n in expected), query
        page = client.get(reverse("labs:sample_list"), query).content.decode()
        rows = _sheet(client.get(reverse("labs:sample_export"), query))
        assert rows[0][:2] == ("样品编号", "报检单")
        assert sorted(r[0] for r in rows[1:]) == sorted(numbers[n] for n in expected), query
        for name, number in numbers.items():
            assert (number in page) is (name in expected), (query, name)


def test_the_export_follows_the_htmx_filters(samples, supervisor):
    """Filtering swaps the results, and the export link with them: it carries the filters shown."""
    fragment = _client(supervisor).get(
        reverse("labs:sample_list"), {"status": "sealed"}, HTTP_HX_REQUEST="true"
    )
    assert f'{reverse("labs:sample_export")}?status=sealed"' in fragment.content.decode()


def test_another_units_samples_never_appear(samples, other_inspector):
    client = _client(other_inspector)
    assert [s["number"] for s in client.get("/api/v1/labs/samples").json()["results"]] == [
        samples["elsewhere"].number
    ]
    rows = _sheet(client.get(reverse("labs:sample_export"), {"laboratory": "SZLAB"}))
    assert rows[1:] == []


def test_the_api_refuses_an_unknown_status_by_name_the_page_ignores_it(samples, supervisor):
    client = _client(supervisor)
    response = client.get("/api/v1/labs/samples", {"status": "lost"})
    assert response.status_code == 422 and list(response.json()["fields"]) == ["status"]
    page = client.get(reverse("labs:sample_list"), {"status": "lost"})
    assert page.status_code == 200 and samples["sealed"].number in page.content.decode()


def test_the_sample_list_is_for_staff_who_see_lab_work(samples, make_user, orgs):
    enterprise = make_user(Role.ENTERPRISE, None, username="ent_lab")
    assert _client(enterprise).get(reverse("labs:sample_list")).status_code == 403
    assert _client(enterprise).get(reverse("labs:sample_export")).status_code == 403
