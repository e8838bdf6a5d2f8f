from decimal import Decimal

import pytest

from guomen.accounts.choices import Role
from guomen.catalog.tests.factories import CommodityGroupFactory, CountryFactory, HsCodeFactory
from guomen.certificates.services import certificates_issue_for_declaration
from guomen.declarations.tests.factories import DeclarationFactory, DeclarationLineFactory
from guomen.registry.tests.factories import EnterpriseFactory

CONSIGNEE_ABROAD = {
    "foreign_consignee_name": "Wing Fat Vegetables Trading Ltd.",
    "foreign_consignee_address": "Stall 12, Cheung Sha Wan Wholesale Market\nKowloon",
    "foreign_consignee_country": "HK",
}


@pytest.fixture
def exporter(orgs):
    return EnterpriseFactory(
        org=orgs["WJD"],
        name_zh="深圳绿源蔬菜出口有限公司",
        name_en="Shenzhen Lvyuan Vegetable Export Co., Ltd.",
    )


@pytest.fixture
def other_exporter(orgs):
    return EnterpriseFactory(org=orgs["BY"], name_zh="广州花卉出口有限公司")


@pytest.fixture
def exporter_user(make_user, exporter):
    return make_user(Role.ENTERPRISE, enterprise=exporter, username="exporter_user")


@pytest.fixture
def other_exporter_user(make_user, other_exporter):
    return make_user(Role.ENTERPRISE, enterprise=other_exporter, username="other_exporter_user")


@pytest.fixture
def other_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["SZ"], username="supervisor_sz_2")


@pytest.fixture
def far_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")


def released_export(port, declarant, *, hs_codes=("0704909000",), destination="HK", **fields):
    """A released export declaration with one line per HS code (vegetables by default), for a consignee abroad."""
    for name, value in CONSIGNEE_ABROAD.items():
        fields.setdefault(name, value)
    CountryFactory(code="CN")
    dest = (
        CountryFactory(code=destination, name_en="Hong Kong, China", name_zh="中国香港")
        if destination
        else None
    )
    vegetables = CommodityGroupFactory(
        code="vegetables", name_zh="蔬菜", name_en="Vegetables", hs_prefixes=["07"]
    )
    meat = CommodityGroupFactory(code="meat", name_zh="肉类", name_en="Meat", hs_prefixes=["02"])
    toys = CommodityGroupFactory(code="toys", name_zh="玩具", name_en="Toys", hs_prefixes=["9503"])
    groups = {"07": vegetables, "02": meat, "95": toys}
    declaration = DeclarationFactory(
        port=port,
        declarant=declarant,
        direction="export",
        status="released",
        consignor_name=declarant.name_zh,
        origin_country=CountryFactory(code="CN"),
        destination_country=dest,
        transport="truck",
        transport_id="粤Z1234港",
        **fields,
    )
    for n, code in enumerate(hs_codes, start=1):
        hs = HsCodeFactory(
            code=code, name_en=f"Goods {code}", name_zh=f"货物{code}", group=groups.get(code[:2])
        )
        DeclarationLineFactory(
            declaration=declaration,
            line_no=n,
            hs=hs,
            description="菜心" if code.startswith("07") else f"货物{code}",
            quantity=Decimal("300"),
            unit="basket",
            net_weight_kg=Decimal("6000.5"),
        )
    return declaration


@pytest.fixture
def vegetables_export(orgs, exporter):
    return released_export(orgs["WJD"], exporter)


@pytest.fixture
def phyto(vegetables_export, supervisor):
    return certificates_issue_for_declaration(declaration=vegetables_export, actor=supervisor)[0]
