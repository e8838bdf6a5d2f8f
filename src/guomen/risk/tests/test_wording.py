"""Warning titles and consumer advice come from Chinese templates per commodity group, never from raw hazard
strings."""

import pytest

from guomen.catalog.choices import HazardKind
from guomen.catalog.loaders import load_groups
from guomen.catalog.models import CommodityGroup
from guomen.catalog.tests.factories import HazardFactory
from guomen.risk import wording

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(db):
    load_groups()
    return CommodityGroup.objects.in_bulk(field_name="code")


def test_a_hazard_awaiting_review_is_named_by_its_kind():
    raw = HazardFactory(name_zh="Salmonella spp", kind=HazardKind.MICROBIOLOGICAL, needs_review=True)
    assert wording.warning_title(subject="巴西冻鸡肉", hazard=raw) == "关于巴西冻鸡肉微生物污染风险的预警通报"


def test_an_accepted_hazard_is_named_in_chinese():
    hazard = HazardFactory(name_zh="沙门氏菌", kind=HazardKind.MICROBIOLOGICAL)
    assert "沙门氏菌" in wording.warning_title(subject="巴西冻鸡肉", hazard=hazard)


def test_meat_advice_speaks_of_meat_not_fruit(groups):
    text = wording.consumer_text(group=groups["meat"], hazard=None)
    assert "肉类" in text and "水果" not in text and text.endswith("12365。")


def test_a_group_without_its_own_advice_gets_the_general_one(groups):
    text = wording.consumer_text(group=groups["minerals"], hazard=None)
    assert wording.DEFAULT_ADVICE in text


def test_consumer_titles_name_the_goods(groups):
    assert wording.consumer_title(group=groups["aquatic"]) == "消费提示：水产品"
