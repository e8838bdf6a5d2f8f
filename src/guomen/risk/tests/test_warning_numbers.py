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


def test_a_cluster_is_named_in_words_not_codes(rw):
    from guomen.catalog.tests.factories import CommodityGroupFactory
    from guomen.risk.models import RiskCluster

    group = CommodityGroupFactory(code="meat", name_zh="肉类", name_en="Meat")
    cluster = RiskCluster(hazard=rw["pest"], origin=rw["thailand"], commodity_group=group)
    assert str(cluster) == f"南洋臀纹粉蚧 · {rw['thailand'].name_zh}肉类"
