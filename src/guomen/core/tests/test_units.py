"""Units of quantity under their Chinese names."""

import pytest
from django.utils import translation

from guomen.core.units import unit_name


@pytest.mark.parametrize(
    ("unit", "name"),
    [("carton", "箱"), ("CTN", "箱"), ("pieces", "件"), ("KGM", "千克"), ("specimen", "个"), ("bags", "袋")],
)
def test_known_units_and_their_codes_read_in_chinese(unit, name):
    with translation.override("zh-hans"):
        assert unit_name(unit) == name


def test_an_unknown_unit_is_shown_as_written():
    with translation.override("zh-hans"):
        assert unit_name("drum-x") == "drum-x"
