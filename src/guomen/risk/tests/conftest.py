import pytest

from guomen.accounts.choices import Role
from guomen.catalog.choices import HazardKind
from guomen.catalog.tests.factories import CommodityGroupFactory, CountryFactory, HazardFactory, HsCodeFactory
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory


@pytest.fixture
def rw(orgs, make_user):
    return risk_world(orgs, make_user)


def risk_world(orgs, make_user) -> dict:
    """Risk world: Thai durian, a filed importer (SZ) with its user, a Thai orchard, a pest, the bureau's people."""
    thailand = CountryFactory(code="TH")
    vietnam = CountryFactory(code="VN")
    fruit = CommodityGroupFactory(code="fresh_fruit")
    durian = HsCodeFactory(code="081060", group=fruit)
    enterprise = EnterpriseFactory(org=orgs["SZ"])
    base = ProductionBaseFactory(country=thailand, org=orgs["SZ"], enterprise=enterprise)
    base.commodities.add(durian)
    pest = HazardFactory(
        code="PLALIL",
        kind=HazardKind.QUARANTINE_PEST,
        name_zh="南洋臀纹粉蚧",
        name_en="Planococcus lilacinus",
    )
    return {
        **orgs,
        "thailand": thailand,
        "vietnam": vietnam,
        "fruit": fruit,
        "durian": durian,
        "enterprise": enterprise,
        "base": base,
        "pest": pest,
        "analyst": make_user(Role.RISK_ANALYST, orgs["SZ"], username="ra_sz"),
        "other_analyst": make_user(Role.RISK_ANALYST, orgs["GZ"], username="ra_gz"),
        "supervisor": make_user(Role.SUPERVISOR, orgs["SZ"], username="sv_sz"),
        "second_supervisor": make_user(Role.SUPERVISOR, orgs["SZ"], username="sv2_sz"),
        "other_supervisor": make_user(Role.SUPERVISOR, orgs["GZ"], username="sv_gz"),
        "inspector": make_user(Role.INSPECTOR, orgs["WJD"], username="in_wjd"),
        "other_inspector": make_user(Role.INSPECTOR, orgs["BY"], username="in_by"),
        "enterprise_user": make_user(Role.ENTERPRISE, enterprise=enterprise, username="ent_sz"),
        "admin": make_user(Role.ADMINISTRATOR, orgs["GACC"], username="ad_gacc"),
    }
