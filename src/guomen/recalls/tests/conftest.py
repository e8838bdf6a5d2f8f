import datetime as dt

import pytest

from guomen.accounts.choices import Role
from guomen.declarations.tests.factories import DeclarationFactory
from guomen.recalls import services
from guomen.registry.tests.factories import EnterpriseFactory


@pytest.fixture
def importer(orgs):
    return EnterpriseFactory(org=orgs["WJD"], name_zh="深圳安宝儿童用品进口有限公司")


@pytest.fixture
def dealer(orgs):
    return EnterpriseFactory(org=orgs["HG"], name_zh="深圳母婴连锁店", kind="importer")


@pytest.fixture
def consignment(orgs, importer):
    return DeclarationFactory(port=orgs["WJD"], declarant=importer, number="DEC-RC-0001")


@pytest.fixture
def recall(importer, supervisor):
    return services.recall_open(
        title="进口儿童推车折叠机构缺陷召回",
        category="children",
        product="某品牌儿童推车 型号A1 批次2026-07",
        defect="折叠锁止机构可能意外松脱,存在夹伤风险",
        enterprise=importer,
        source="defect_report",
        reported_on=dt.date(2026, 9, 1),
        units_affected=120,
        actor=supervisor,
    )


@pytest.fixture
def other_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")
