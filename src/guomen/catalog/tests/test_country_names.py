"""Country names as foreign data writes them: old names, codes and Chinese resolve to one country."""

import pytest

from guomen.catalog.country_names import CountryNames
from guomen.catalog.loaders import load_countries
from guomen.catalog.models import Country
from guomen.catalog.selectors import country_resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def names(db):
    load_countries()
    return CountryNames(list(Country.objects.values_list("code", "alpha3", "name_en", "name_zh")))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("TURKIYE", "TR"),
        ("Swaziland", "SZ"),
        ("Eswatini", "SZ"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Macedonia", "MK"),
        ("the former Yugoslav Republic of Macedonia", "MK"),
        ("Republic of North Macedonia", "MK"),
        ("Côte d’Ivoire", "CI"),
        ("TUR", "TR"),
        ("tr", "TR"),
        ("土耳其", "TR"),
        ("越南", "VN"),
    ],
)
def test_old_names_codes_and_chinese_names_resolve(names, text, code):
    assert names.code(text) == code


def test_a_name_that_is_no_country_resolves_to_nothing(names):
    assert names.code("unknown origin") is None
    assert not CountryNames.is_country_name("unknown origin")


def test_country_lookup_for_forms_knows_old_names(db):
    load_countries()
    assert country_resolve("Turkey").code == "TR"
    assert country_resolve("Swaziland").code == "SZ"
