"""Early warnings carry numbers a person can cite: 预警〔2026〕第001号, counted per year."""

import pytest
from django.utils import timezone

from guomen.risk.early_warnings import warning_create

from .factories import warning_data

pytestmark = pytest.mark.django_db


def test_warnings_are_numbered_in_sequence_within_the_year(rw):
    first = warning_create(actor=rw["analyst"], data=warning_data(rw))
    second = warning_create(actor=rw["analyst"], data=warning_data(rw))
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"预警〔{year}〕第001号", f"预警〔{year}〕第002号")
