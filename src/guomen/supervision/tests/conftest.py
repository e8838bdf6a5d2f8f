import pytest

from guomen.accounts.choices import Role
from guomen.supervision import services

from .factories import EnterpriseFactory, PlanFactory


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
def second_supervisor(orgs, make_user):
    """Another 深圳局 supervisor: the second pair of eyes on a colleague's proposal."""
    return make_user(Role.SUPERVISOR, orgs["SZ"], username="supervisor2_sz")


@pytest.fixture
def gz_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")


@pytest.fixture
def wjd_inspectors(orgs, make_user, inspector):
    """Four inspectors at 文锦渡 (the default inspector among them)."""
    return [inspector] + [
        make_user(Role.INSPECTOR, orgs["WJD"], username=f"inspector_wjd_{i}") for i in range(3)
    ]


@pytest.fixture
def crew(orgs, make_user, inspector):
    """文锦渡: the default inspector and one with a declared conflict; 皇岗 (same 深圳局): two more."""
    return {
        "wjd": inspector,
        "conflicted": make_user(Role.INSPECTOR, orgs["WJD"], username="wjd_kin", display_name="王亲"),
        "hg1": make_user(Role.INSPECTOR, orgs["HG"], username="hg_1", display_name="皇岗一"),
        "hg2": make_user(Role.INSPECTOR, orgs["HG"], username="hg_2", display_name="皇岗二"),
    }


@pytest.fixture
def flagged(orgs, supervisor, crew):
    """The draw finds one eligible inspector at 文锦渡 (the other declared a conflict): flagged."""
    firm = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市指派对象有限公司")
    services.conflict_declare(enterprise=firm, reason="亲属在该企业任职", actor=crew["conflicted"])
    plan = services.plan_draw(plan=PlanFactory(org=orgs["SZ"], sample_count=1), seed=8, actor=supervisor)
    return plan.tasks.get()
