import pytest

from guomen.accounts.choices import Role

from .factories import AnnualCheckFactory, CertificateFactory, EnterpriseFactory


@pytest.fixture
def holder(orgs):
    return EnterpriseFactory(org=orgs["WJD"], name_zh="深圳某电器进口公司", kind="importer")


@pytest.fixture
def certificate(holder):
    return CertificateFactory(enterprise=holder, number="2026010901000001")


@pytest.fixture
def planned(certificate):
    return AnnualCheckFactory(certificate=certificate)


@pytest.fixture
def other_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")


@pytest.fixture
def holder_user(holder, make_user):
    return make_user(Role.ENTERPRISE, None, holder, username="holder_user")
