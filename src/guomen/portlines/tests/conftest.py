import pytest

from guomen.accounts.choices import Role
from guomen.registry.tests.factories import EnterpriseFactory


@pytest.fixture
def caterer(orgs):
    return EnterpriseFactory(org=orgs["WJD"], name_zh="文锦渡口岸餐饮服务部", kind="port_food")


@pytest.fixture
def consignee_firm(orgs):
    return EnterpriseFactory(org=orgs["WJD"], name_zh="深圳某再生资源公司", kind="waste_consignee")


@pytest.fixture
def agency(orgs):
    return EnterpriseFactory(org=orgs["WJD"], name_zh="深圳某检验鉴定公司", kind="inspection_agency")


@pytest.fixture
def packer(orgs):
    return EnterpriseFactory(org=orgs["WJD"], name_zh="深圳某化工包装公司", kind="dg_packaging")


@pytest.fixture
def other_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")


@pytest.fixture
def caterer_user(caterer, make_user):
    return make_user(Role.ENTERPRISE, None, caterer, username="caterer_user")
