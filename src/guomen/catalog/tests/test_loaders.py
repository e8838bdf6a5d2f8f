import pytest
from django.core.management import call_command

from guomen.catalog.choices import HsLevel
from guomen.catalog.loaders import load_catalog
from guomen.catalog.models import CommodityGroup, Country, HsCode
from guomen.catalog.selectors import country_resolve, hs_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    return load_catalog()


def test_load_catalog_loads_every_hs_row_with_parent_and_section(loaded):
    assert (
        HsCode.objects.exclude(level=HsLevel.NATIONAL).count() == 6936
    )  # 6,940 rows less the totals 99, 9999, 999999 and TOTAL
    durian = HsCode.objects.get(code="081060")
    assert durian.parent_id == "0810"
    assert durian.section == "II"
    assert HsCode.objects.get(code="08").parent_id is None
    assert HsCode.objects.get(code="08").name_zh == "食用水果及坚果；柑橘属水果或甜瓜的果皮"


def test_national_codes_have_chinese_names_and_six_digit_parents(loaded):
    durian = HsCode.objects.get(code="0810600000")
    assert durian.level == HsLevel.NATIONAL
    assert durian.name_zh == "鲜榴莲"
    assert durian.parent_id == "081060"
    assert durian.parent.name_zh == "鲜榴莲"
    assert durian.group_id == "fresh_fruit"


def test_hs_codes_get_the_group_of_their_longest_prefix(loaded):
    assert HsCode.objects.get(code="080620").group_id == "nuts_dried"
    assert HsCode.objects.get(code="080610").group_id == "fresh_fruit"
    assert HsCode.objects.get(code="950300").group_id == "toys"
    assert CommodityGroup.objects.get(code="dairy").name_zh == "乳制品"


def test_every_country_has_a_chinese_name(loaded):
    assert Country.objects.count() == 249
    assert not Country.objects.filter(name_zh="").exists()
    assert Country.objects.get(code="HK").name_zh == "中国香港"
    assert Country.objects.get(code="MO").name_zh == "中国澳门"
    assert Country.objects.get(code="TW").name_zh == "中国台湾"
    assert Country.objects.get(code="TH").name_zh == "泰国"


def test_running_it_again_changes_nothing(loaded):
    assert load_catalog().changed == 0


def test_command_reports_counts(db, capsys):
    call_command("load-catalog")
    call_command("load-catalog")
    assert "catalogue up to date" in capsys.readouterr().out


def test_resolvers_after_loading(loaded):
    assert hs_resolve("0810.60.0000").code == "0810600000"
    assert hs_resolve("0810609000") is None  # national codes of 081060 are on file; this one is not
    assert country_resolve("泰国").code == "TH"
    assert country_resolve("tha").code == "TH"


def test_trade_statistics_pseudo_codes_are_not_loaded(loaded):
    from guomen.catalog.models import HsCode

    assert not HsCode.objects.filter(code__in=["99", "9999", "999999", "TOTAL"]).exists()
