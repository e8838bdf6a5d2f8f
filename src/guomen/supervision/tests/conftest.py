import pytest

from guomen.accounts.choices import Role

from .factories import EnterpriseFactory


@pytest.fixture
def firm(orgs):
    """An importer on file at 文锦渡 (WJD), with its own enterprise user."""
    return EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市鲜果进出口有限公司", filing_status="filed")


@pytest.fixture
def firm_user(firm, make_user):
    return make_user(Role.ENTERPRISE, None, enterprise=firm, username="firm_user")


@pytest.fixture
def other_firm(orgs):
    """An enterprise of another jurisdiction (广州局 → 白云机场局)."""
    return EnterpriseFactory(org=orgs["BY"], name_zh="广州白云冷链有限公司")


@pytest.fixture
def gz_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")


@pytest.fixture
def wjd_inspectors(orgs, make_user, inspector):
    """Four inspectors at 文锦渡 (the default inspector among them)."""
    return [inspector] + [
        make_user(Role.INSPECTOR, orgs["WJD"], username=f"inspector_wjd_{i}") for i in range(3)
    ]
