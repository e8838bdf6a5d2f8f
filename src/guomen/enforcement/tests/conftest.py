import datetime as dt

import pytest

from guomen.accounts.choices import Role
from guomen.enforcement import services
from guomen.registry.tests.factories import EnterpriseFactory


@pytest.fixture
def firm(orgs):
    return EnterpriseFactory(org=orgs["WJD"], name_zh="深圳某进口食品公司")


@pytest.fixture
def interview(firm, supervisor):
    return services.interview_schedule(
        enterprise=firm, scheduled_on=dt.date(2026, 9, 3), subject="进口食品标签不合格问题", actor=supervisor
    )


@pytest.fixture
def other_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")
