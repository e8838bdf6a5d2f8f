"""One filter definition for the task list (TaskFilters): the page, the API and the Excel export give the same rows."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from .factories import open_task

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _sheet(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def tasks(orgs):
    return {
        "physical": open_task(orgs["WJD"], channel="physical"),
        "document": open_task(orgs["WJD"], channel="document"),
        "elsewhere": open_task(orgs["BY"], channel="physical"),  # 广州局: another jurisdiction
    }


def test_page_api_and_export_give_the_same_rows(tasks, supervisor):
    client = _client(supervisor)
    numbers = {name: t.declaration.number for name, t in tasks.items()}
    for query, expected in [({"channel": "physical"}, ["physical"]), ({}, ["physical", "document"])]:
        api = client.get("/api/v1/inspections/tasks", query).json()
        assert sorted(t["declaration_number"] for t in api["results"]) == sorted(numbers[n] for n in expected)
        page = client.get(reverse("inspections:my_tasks"), query).content.decode()
        rows = _sheet(client.get(reverse("inspections:task_export"), query))
        assert rows[0][0] == "报检号"
        assert sorted(r[0] for r in rows[1:]) == sorted(numbers[n] for n in expected)
        for name, number in numbers.items():
            assert (number in page) is (name in expected), (query, name)


def test_the_page_links_the_export_with_its_filters(tasks, supervisor):
    page = _client(supervisor).get(reverse("inspections:my_tasks"), {"channel": "document", "origin": "zz9x"})
    assert f'{reverse("inspections:task_export")}?channel=document"' in page.content.decode()


def test_another_units_tasks_never_reach_the_export(tasks, other_inspector):
    rows = _sheet(_client(other_inspector).get(reverse("inspections:task_export")))
    assert [r[0] for r in rows[1:]] == [tasks["elsewhere"].declaration.number]


def test_the_api_refuses_an_unknown_channel_by_name_the_page_ignores_it(tasks, supervisor):
    client = _client(supervisor)
    response = client.get("/api/v1/inspections/tasks", {"channel": "purple"})
    assert response.status_code == 422 and list(response.json()["fields"]) == ["channel"]
    assert "有效的选项" in response.json()["fields"]["channel"][0]
    page = client.get(reverse("inspections:my_tasks"), {"channel": "purple"}).content.decode()
    assert tasks["document"].declaration.number in page


def test_an_export_past_the_limit_sends_the_user_back_with_the_count(tasks, supervisor, monkeypatch):
    monkeypatch.setattr("guomen.core.filters.MAX_EXPORT_ROWS", 1)
    client = _client(supervisor)
    response = client.get(reverse("inspections:task_export"), {"channel": "physical", "origin": ""})
    assert response.status_code == 200  # one row: within the limit
    response = client.get(reverse("inspections:task_export"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("inspections:my_tasks"))
    page = client.get(response["Location"], follow=True).content.decode()
    assert "此列表共 2 行" in page


def test_the_export_is_for_those_who_record_inspections(tasks, lab_analyst):
    assert _client(lab_analyst).get(reverse("inspections:task_export")).status_code == 403
    response = Client().get(reverse("inspections:task_export"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
