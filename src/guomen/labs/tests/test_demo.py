import random

import pytest

from guomen.demo.masterdata import Bureau
from guomen.inspections.tests.factories import open_task
from guomen.labs import demo
from guomen.labs.models import Sample
from guomen.labs.selectors import lab_queue, overdue_samples
from guomen.labs.tests.factories import mealybug
from guomen.risk.models import RiskSignal

pytestmark = pytest.mark.django_db


def test_demo_puts_samples_at_every_stage(orgs, inspector, lab_analyst, residue):
    mealybug()
    for _i in range(5):
        open_task(orgs["WJD"])
    counts = demo.seed_demo(Bureau(orgs=orgs), random.Random(1))
    assert counts == {"laboratories": 3, "samples": 5}
    statuses = sorted(Sample.objects.values_list("status", flat=True))
    assert statuses == ["approved", "approved", "handed_over", "handed_over", "results_entered"]
    assert set(Sample.objects.filter(status="approved").values_list("verdict", flat=True)) == {
        "conforming",
        "non_conforming",
    }
    assert RiskSignal.objects.filter(source="lab").count() == 1
    assert len(list(lab_queue(user=lab_analyst))) == 3
    assert len(list(overdue_samples(inspector))) == 1
