import datetime as dt

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.catalog.tests.factories import CommodityGroupFactory, CountryFactory, HsCodeFactory
from guomen.declarations.tests.factories import DeclarationFactory, DeclarationLineFactory
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.tracebacks import services

TODAY = timezone.localdate()


@pytest.fixture
def veg(db):
    group = CommodityGroupFactory(code="vegetables", name_zh="蔬菜", name_en="Vegetables", hs_prefixes=["07"])
    return HsCodeFactory(code="070490", group=group)


def export(port, exporter, hs, days_ago, number, destination="HK"):
    decl = DeclarationFactory(
        number=number,
        direction="export",
        port=port,
        declarant=exporter,
        origin_country=CountryFactory(code="CN"),
        destination_country=CountryFactory(code=destination),
        arrival_date=TODAY - dt.timedelta(days=days_ago),
        status="released",
    )
    DeclarationLineFactory(declaration=decl, hs=hs, description="菜心")
    return decl


@pytest.fixture
def exporters(orgs, veg):
    """Two vegetable exporters at 文锦渡 (深圳局) and one at 白云 (广州局), each with exports 20–60 days ago."""
    wjd = EnterpriseFactory(org=orgs["WJD"], kind="exporter", name_zh="深圳市优果农业发展有限公司")
    other = EnterpriseFactory(org=orgs["WJD"], kind="exporter", name_zh="深圳市长青农业发展有限公司")
    gz = EnterpriseFactory(org=orgs["BY"], kind="exporter", name_zh="广州市南粤蔬菜出口有限公司")
    decls = {
        "wjd": export(orgs["WJD"], wjd, veg, 40, "EXWJD0000000001"),
        "wjd_old": export(orgs["WJD"], wjd, veg, 300, "EXWJD0000000002"),
        "other": export(orgs["WJD"], other, veg, 55, "EXWJD0000000003"),
        "gz": export(orgs["BY"], gz, veg, 45, "EXBY00000000001"),
    }
    return {"wjd": wjd, "other": other, "gz": gz, "decls": decls}


@pytest.fixture
def notify(analyst, veg):
    def _notify(**kw):
        data = {
            "reference": f"CFS-{kw.pop('ref', '1')}",
            "authority": "香港食物安全中心",
            "notifying_country": CountryFactory(code="HK"),
            "notified_on": TODAY - dt.timedelta(days=2),
            "subject": "菜心样本农药残留超标",
            "commodity_group": veg.group,
        }
        data.update(kw)
        return services.notification_enter(actor=analyst, **data)

    return _notify


@pytest.fixture
def gz_analyst(orgs, make_user):
    return make_user(Role.RISK_ANALYST, orgs["GZ"], username="analyst_gz")


@pytest.fixture
def exporter_user(exporters, make_user):
    return make_user(Role.ENTERPRISE, None, exporters["wjd"], username="exporter_user")
