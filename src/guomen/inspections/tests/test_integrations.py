"""What other apps bring to the phone app: lab samples, ePhyto mismatches, control measures, overdue samples."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from guomen.inspections import integrations
from guomen.inspections.models import InspectionTask
from guomen.inspections.selectors import followup_board, task_detail, task_dossier

pytestmark = pytest.mark.django_db


def page(task, user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("inspections:task_detail", args=[task.pk])).content.decode()


def test_samples_drawn_in_the_task_show_on_the_dossier(task, inspector):
    from guomen.labs.tests.factories import LaboratoryFactory, register

    sample = register(task, inspector, LaboratoryFactory(org=task.port))
    html = page(task, inspector)
    assert 'data-testid="sample-new"' in html  # the big 抽样登记 button
    assert reverse("labs:sample_new", args=[task.pk]) in html
    assert sample.number in html and 'data-testid="sample"' in html


def test_a_sample_number_opens_its_task_from_the_scan_page(task, inspector):
    from guomen.labs.tests.factories import LaboratoryFactory, register

    sample = register(task, inspector, LaboratoryFactory(org=task.port))
    client = Client()
    client.force_login(inspector)
    response = client.get(reverse("inspections:scan"), {"code": sample.number})
    assert response.url == reverse("inspections:task_detail", args=[task.pk])


def test_overdue_samples_are_on_the_board(task, inspector):
    from guomen.labs.models import Sample
    from guomen.labs.tests.factories import LaboratoryFactory, register

    sample = register(task, inspector, LaboratoryFactory(org=task.port))
    Sample.objects.filter(pk=sample.pk).update(due_date=dt.date.today() - dt.timedelta(days=3))
    assert [s.pk for s in followup_board(inspector).samples] == [sample.pk]


def test_ephyto_mismatches_are_shouted_and_become_non_conform_checklist_items(task, inspector, monkeypatch):
    monkeypatch.setattr(
        integrations, "ephyto_mismatches", lambda declaration: ["证书原产国为越南，申报为泰国"]
    )
    dossier = task_dossier(task_detail(inspector, task.pk))
    item = next(c for c in dossier["checklist"] if c.code == "ephyto.0")
    assert item.result == "non_conform" and "越南" in item.title
    html = page(task, inspector)
    assert 'data-testid="ephyto-mismatches"' in html and "证书原产国为越南" in html


def test_a_missing_app_gives_empty_answers(monkeypatch, task):
    monkeypatch.setattr(integrations, "_function", lambda module, name: None)
    assert integrations.samples_for_task(task) == []
    assert integrations.ephyto_mismatches(task.declaration) == []
    assert integrations.control_measures(task.declaration) == []
    assert InspectionTask.objects.filter(pk=task.pk).exists()
