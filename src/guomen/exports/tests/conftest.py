import pytest

from guomen.accounts.choices import Role

from .factories import EnterpriseFactory, make_site, places


@pytest.fixture
def exporter(orgs):
    return EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市鲜果出口有限公司", kind="exporter")


@pytest.fixture
def exporter_user(exporter, make_user):
    return make_user(Role.ENTERPRISE, None, exporter, username="exporter_user")


@pytest.fixture
def site(exporter):
    places()
    return make_site(exporter)


@pytest.fixture
def other_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")
