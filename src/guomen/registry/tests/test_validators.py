import pytest
from django.utils import translation

from guomen.core.errors import ValidationFailed
from guomen.core.testing import make_uscc
from guomen.registry.services import uscc_validate

VALID = make_uscc(12345)


def _message(value: str) -> str:
    with translation.override("en"), pytest.raises(ValidationFailed) as info:
        uscc_validate(value)
    assert list(info.value.fields) == ["uscc"]
    return info.value.fields["uscc"][0]


def test_valid_code_is_returned():
    assert uscc_validate(VALID) == VALID


def test_lower_case_and_spaces_are_cleaned():
    spaced = f" {VALID[:6]} {VALID[6:]} ".lower()
    assert uscc_validate(spaced) == VALID


def test_wrong_check_digit_is_named():
    last = "0" if VALID[-1] != "0" else "1"
    assert "check digit" in _message(VALID[:-1] + last)


def test_wrong_length_says_how_long_it_is():
    assert "this one has 17" in _message(VALID[:-1])


def test_bad_character_is_named_with_its_position():
    assert "Character 9 (“I”)" in _message(VALID[:8] + "I" + VALID[9:])


def test_empty_code_is_refused():
    assert "Enter" in _message("   ")
