"""The botanical names of certificates/data/botanical_names.csv and the treatments read from inspectors' words."""

from decimal import Decimal

from guomen.certificates.kinds import BOTANICAL_NAMES_CSV, botanical_name, botanical_table
from guomen.certificates.treatments import read_treatment


def test_the_table_names_its_source_and_covers_the_common_plant_exports():
    header = BOTANICAL_NAMES_CSV.read_text(encoding="utf-8").split("hs_prefix,")[0]
    assert "GRIN" in header and "Source" in header
    table = botanical_table()
    assert len(table) >= 150
    assert {e.hs_prefix[:2] for e in table} >= {"06", "07", "08", "09", "10", "12", "44"}


def test_the_table_is_read_once():
    assert botanical_table() is botanical_table()


def test_the_longest_hs_prefix_wins():
    assert botanical_name("0805100000") == ("Orange", "Citrus sinensis")
    assert botanical_name("0805900000") == ("Citrus fruit", "Citrus spp.")


def test_the_declared_name_picks_the_plant_of_a_shared_heading():
    assert botanical_name("0810909000", "鲜荔枝") == ("Lychee", "Litchi chinensis")
    assert botanical_name("0810909000", "其他水果") == ("Longan", "Dimocarpus longan")


def test_an_unknown_plant_has_no_name_rather_than_a_made_up_one():
    assert botanical_name("0709999000", "其他蔬菜") is None
    assert botanical_name("0709999000", "鲜苦瓜") == ("Bitter gourd", "Momordica charantia")


def test_tea_rice_and_wood_are_named():
    assert botanical_name("0902300000")[1] == "Camellia sinensis"
    assert botanical_name("1006300000")[1] == "Oryza sativa"
    assert botanical_name("4407110000")[1] == "Pinus spp."


def test_a_fumigation_note_is_read_into_its_figures():
    t = read_treatment(kind="fumigation", text="磷化铝熏蒸 2 g/m3，25℃，3天")
    assert (t.chemical, t.concentration, t.temperature, t.duration, t.duration_unit) == (
        "Phosphine",
        Decimal("2"),
        Decimal("25"),
        Decimal("72"),
        "HUR",
    )


def test_a_vapour_heat_treatment_keeps_its_minutes():
    t = read_treatment(kind="vapour_heat", text="蒸热处理，果心温度 46.2℃ 保持 20 分钟")
    assert (t.name_en, t.temperature, t.duration, t.duration_unit) == (
        "Vapour heat treatment",
        Decimal("46.2"),
        Decimal("20"),
        "MIN",
    )


def test_a_cold_treatment_without_figures_keeps_only_its_words():
    t = read_treatment(kind="cold_treatment", text="按议定书要求冷处理")
    assert (t.name_en, t.chemical, t.temperature, t.information) == (
        "Cold treatment",
        "",
        None,
        "按议定书要求冷处理",
    )
