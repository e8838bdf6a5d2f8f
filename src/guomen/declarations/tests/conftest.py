import pytest

from guomen.accounts.choices import Role
from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory


@pytest.fixture
def world(orgs, make_user):
    """Thailand, durian (081060) and a machine part (848180), a filed importer with its user, a Thai orchard."""
    thailand = CountryFactory(code="TH")
    CountryFactory(code="VN")
    durian = HsCodeFactory(code="081060")
    valve = HsCodeFactory(code="848180", name_en="Taps, cocks, valves", name_zh="阀门", group=None)
    enterprise = EnterpriseFactory(org=orgs["SZ"])
    other_enterprise = EnterpriseFactory(org=orgs["GZ"])
    base = ProductionBaseFactory(country=thailand)
    base.commodities.add(durian)
    return {
        **orgs,
        "thailand": thailand,
        "durian": durian,
        "valve": valve,
        "enterprise": enterprise,
        "other_enterprise": other_enterprise,
        "base": base,
        "enterprise_user": make_user(Role.ENTERPRISE, enterprise=enterprise, username="ent_user"),
        "other_enterprise_user": make_user(
            Role.ENTERPRISE, enterprise=other_enterprise, username="other_ent"
        ),
        "supervisor": make_user(Role.SUPERVISOR, orgs["SZ"], username="sup_sz"),
        "other_supervisor": make_user(Role.SUPERVISOR, orgs["GZ"], username="sup_gz"),
        "inspector": make_user(Role.INSPECTOR, orgs["WJD"], username="insp_wjd"),
    }
