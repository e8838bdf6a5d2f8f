import pytest

from guomen.catalog.selectors import (
    country_resolve,
    hazard_list,
    hs_list,
    hs_resolve,
    hs_suggestions,
    import_requirement_for,
    import_requirement_list,
)
from guomen.catalog.tests.factories import (
    CountryFactory,
    HazardFactory,
    HsCodeFactory,
    ImportRequirementFactory,
)
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def durian(db):
    heading = HsCodeFactory(code="0810", name_en="Other fruit, fresh", name_zh="")
    sub = HsCodeFactory(code="081060", parent=heading)
    national = HsCodeFactory(code="0810600000", parent=sub)
    return heading, sub, national


def test_hs_resolve_ten_digit_code_found(durian):
    assert hs_resolve("0810600000") == durian[2]


def test_hs_resolve_strips_dots_and_spaces(durian):
    assert hs_resolve(" 0810.60 ") == durian[1]


def test_hs_resolve_refuses_an_unknown_ten_digit_code_where_national_codes_are_on_file(durian):
    assert hs_resolve("0810609999") is None
    assert [h.code for h in hs_suggestions("0810609999")] == ["0810600000"]


def test_hs_resolve_takes_the_subheading_where_no_national_code_is_on_file(durian):
    other = HsCodeFactory(code="081070", parent=durian[0])
    assert hs_resolve("0810700001") == other


def test_hs_pseudo_codes_are_never_declarable(durian):
    HsCodeFactory(code="999999", parent=None)
    assert hs_resolve("999999") is None
    assert hs_suggestions("999999") == []


def test_hs_resolve_refuses_headings_and_unknown_codes(durian):
    assert hs_resolve("0810") is None
    assert hs_resolve("999999") is None
    assert hs_resolve("abc") is None


@pytest.mark.parametrize("value", ["TH", "th", "THA", "Thailand", "thailand", "泰国"])
def test_country_resolve_accepts_codes_and_names(db, value):
    CountryFactory(code="TH")
    assert country_resolve(value).code == "TH"


def test_country_resolve_unknown_is_none(db):
    assert country_resolve("Atlantis") is None
    assert country_resolve("") is None


def test_import_requirement_for_prefers_the_most_specific_code(durian):
    thailand = CountryFactory(code="TH")
    general = ImportRequirementFactory(hs=durian[0], origin=thailand)
    specific = ImportRequirementFactory(hs=durian[1], origin=thailand)
    assert import_requirement_for(hs=durian[2], origin=thailand) == specific
    specific.delete()
    assert import_requirement_for(hs=durian[2], origin=thailand) == general
    assert import_requirement_for(hs=durian[2], origin=CountryFactory(code="VN")) is None


def test_hs_list_searches_by_prefix_or_text(durian, inspector):
    assert [h.code for h in hs_list(user=inspector, q="081060")] == ["081060", "0810600000"]
    assert {h.code for h in hs_list(user=inspector, q="榴莲")} == {"081060", "0810600000"}
    assert [h.code for h in hs_list(user=inspector, q="榴莲", level=10)] == ["0810600000"]


@pytest.mark.parametrize("who", ["inspector", "other_inspector", "analyst", "supervisor", "enterprise"])
def test_every_signed_in_role_may_read_the_catalogue(durian, request, orgs, make_user, who):
    if who == "enterprise":
        user = make_user("enterprise", enterprise=EnterpriseFactory(org=orgs["SZ"]))
    else:
        user = request.getfixturevalue(who)
    ImportRequirementFactory(hs=durian[1])
    HazardFactory()
    assert hs_list(user=user).count() == 3
    assert hazard_list(user=user).count() == 1
    assert import_requirement_list(user=user).count() == 1


def test_anonymous_reads_nothing(durian):
    from django.contrib.auth.models import AnonymousUser

    assert hs_list(user=AnonymousUser()).count() == 0


def test_import_requirement_list_filters_by_origin_name(durian, inspector):
    ImportRequirementFactory(hs=durian[1], origin=CountryFactory(code="TH"))
    ImportRequirementFactory(hs=durian[1], origin=CountryFactory(code="VN"))
    assert [r.origin_id for r in import_requirement_list(user=inspector, origin="越南")] == ["VN"]
    assert import_requirement_list(user=inspector, origin="nowhere").count() == 0
