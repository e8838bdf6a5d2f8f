"""On PostgreSQL, samples registered at the same moment at one port all get distinct numbers."""

import pytest
from django.db import connection

from guomen.core.testing_threads import run_at_once
from guomen.inspections.tests.factories import open_task
from guomen.labs.models import Sample
from guomen.labs.tests.factories import register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def test_eight_samples_registered_at_once_are_all_numbered(orgs, inspector, lab, settings):
    settings.GUOMEN_NUMBERING_OWN_CONNECTION = True
    tasks = [open_task(orgs["WJD"]) for _ in range(8)]
    calls = [lambda task=task: register(task, inspector, lab).number for task in tasks]

    numbers, errors = run_at_once(calls)

    assert errors == []
    assert len(set(numbers)) == 8
    assert Sample.objects.count() == 8
