import pytest

from guomen.accounts.choices import Role
from guomen.declarations.tests.conftest import world  # noqa: F401  (the intake world)
from guomen.inspections.tests.factories import durian_requirement, open_task
from guomen.labs.tests.factories import LaboratoryFactory, chlorpyrifos

PHYTO = "phytosanitary_certificate"


@pytest.fixture
def leader(orgs, make_user):
    return make_user(Role.LEADER, orgs["SZ"], username="leader_sz")


@pytest.fixture
def other_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["SZ"], username="supervisor_sz_2")


@pytest.fixture
def second_analyst(orgs, make_user):
    return make_user(Role.LAB_ANALYST, orgs["WJD"], username="lab_wjd_2")


@pytest.fixture
def lab(orgs):
    return LaboratoryFactory(org=orgs["WJD"])


@pytest.fixture
def requirement():
    """Thai durian: registered orchards only and a phytosanitary certificate with every consignment."""
    req = durian_requirement()
    req.required_documents = [PHYTO]
    req.save()
    return req


@pytest.fixture
def residue():
    return chlorpyrifos()


@pytest.fixture
def clean_task(orgs, requirement):
    """A physical inspection of a consignment that meets every release rule once it is inspected."""
    task = open_task(orgs["WJD"], channel="physical")
    task.declaration.documents.create(type=PHYTO, number="TH-2026-000123")
    return task


@pytest.fixture
def story_task(orgs, requirement):
    """The gate's story: a suspended orchard, no phytosanitary certificate, a red inspection + sampling channel."""
    return open_task(orgs["WJD"], channel="physical_sampling", base_status="suspended")
