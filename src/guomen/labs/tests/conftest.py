import pytest

from guomen.accounts.choices import Role
from guomen.inspections.tests.factories import open_task
from guomen.labs.tests.factories import LaboratoryFactory, chlorpyrifos


@pytest.fixture
def lab(orgs):
    """The technical centre's laboratory, run by 文锦渡 (where the lab analysts of the fixtures work)."""
    return LaboratoryFactory(org=orgs["WJD"])


@pytest.fixture
def task(orgs):
    return open_task(orgs["WJD"])


@pytest.fixture
def second_analyst(orgs, make_user):
    return make_user(Role.LAB_ANALYST, orgs["WJD"], username="lab_wjd_2")


@pytest.fixture
def residue():
    return chlorpyrifos()
