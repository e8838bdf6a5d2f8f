import pytest

from guomen.accounts.choices import Role

from .factories import open_task


@pytest.fixture
def task(orgs):
    """An open physical-inspection task at 文锦渡 (WJD)."""
    return open_task(orgs["WJD"])


@pytest.fixture
def by_supervisor(orgs, make_user):
    """A supervisor of 广州局, which does not cover WJD."""
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")


@pytest.fixture
def enterprise_user(orgs, make_user):
    from guomen.registry.tests.factories import EnterpriseFactory

    return make_user(Role.ENTERPRISE, enterprise=EnterpriseFactory(org=orgs["SZ"]), username="ent_user")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded photos go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
