import pytest

from guomen.registry.selectors import enterprise_by_uscc, production_bases_by_codes
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory

pytestmark = pytest.mark.django_db


def test_enterprise_by_uscc_accepts_lower_case(orgs):
    ent = EnterpriseFactory()
    assert enterprise_by_uscc(ent.uscc.lower()) == ent
    assert enterprise_by_uscc("91440300000000000X") is None


def test_production_bases_by_codes_returns_known_codes_only(orgs):
    a = ProductionBaseFactory()
    b = ProductionBaseFactory()
    found = production_bases_by_codes([a.code, b.code, "NOPE-1", ""])
    assert found == {a.code: a, b.code: b}
