"""Fixtures shared by every app's tests: a small bureau tree and one user per role."""

import io

import pytest

from guomen.accounts.choices import OrgKind, Role
from guomen.accounts.tests.factories import OrgUnitFactory, UserFactory


def pytest_sessionstart(session):
    """Tests see the UI as people do: with the Chinese catalogues compiled (a no-op when up to date)."""
    from django.core.management import call_command

    out = io.StringIO()
    call_command("compile-translations", stdout=out)
    if not out.getvalue().startswith("compiled 0 "):
        from asgiref.local import Local
        from django.utils.translation import trans_real

        trans_real._translations = {}  # forget catalogues read before these were compiled
        trans_real._default = None
        trans_real._active = Local()
        trans_real.translation_catalog_exists.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_reference_caches():
    """Each test starts with empty reference caches: rows cached by an earlier test were rolled back."""
    from guomen.core.refcache import reference_caches_clear

    reference_caches_clear()


@pytest.fixture
def orgs(db):
    """GACC → 深圳局(SZ) → 文锦渡局(WJD), 皇岗局(HG); GACC → 广州局(GZ) → 白云机场局(BY)."""
    gacc = OrgUnitFactory(code="GACC", name="海关总署", kind=OrgKind.GENERAL_BUREAU)
    sz = OrgUnitFactory(code="SZ", name="深圳局", kind=OrgKind.BRANCH_BUREAU, parent=gacc)
    wjd = OrgUnitFactory(code="WJD", name="文锦渡局", kind=OrgKind.PORT, parent=sz)
    hg = OrgUnitFactory(code="HG", name="皇岗局", kind=OrgKind.PORT, parent=sz)
    gz = OrgUnitFactory(code="GZ", name="广州局", kind=OrgKind.BRANCH_BUREAU, parent=gacc)
    by = OrgUnitFactory(code="BY", name="白云机场局", kind=OrgKind.PORT, parent=gz)
    return {"GACC": gacc, "SZ": sz, "WJD": wjd, "HG": hg, "GZ": gz, "BY": by}


@pytest.fixture
def make_user(db):
    def _make(role=Role.INSPECTOR, org=None, enterprise=None, **kwargs):
        return UserFactory(role=role, org=org, enterprise=enterprise, **kwargs)

    return _make


@pytest.fixture
def inspector(orgs, make_user):
    return make_user(Role.INSPECTOR, orgs["WJD"], username="inspector_wjd")


@pytest.fixture
def supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["SZ"], username="supervisor_sz")


@pytest.fixture
def analyst(orgs, make_user):
    return make_user(Role.RISK_ANALYST, orgs["SZ"], username="analyst_sz")


@pytest.fixture
def lab_analyst(orgs, make_user):
    return make_user(Role.LAB_ANALYST, orgs["WJD"], username="lab_wjd")


@pytest.fixture
def admin_user(orgs, make_user):
    return make_user(Role.ADMINISTRATOR, orgs["GACC"], username="admin_gacc")


@pytest.fixture
def other_inspector(orgs, make_user):
    """An inspector of another jurisdiction (广州局 → 白云机场局)."""
    return make_user(Role.INSPECTOR, orgs["BY"], username="inspector_by")


@pytest.fixture
def audit_anchor(settings, tmp_path):
    """A fresh audit key and checkpoint file for a test that seals the audit log."""
    settings.GUOMEN_AUDIT_KEY_FILE = str(tmp_path / "audit" / "checkpoint.key")
    settings.GUOMEN_AUDIT_CHECKPOINT_FILE = str(tmp_path / "audit" / "checkpoints.jsonl")
    settings.GUOMEN_AUDIT_KEY_GENERATE = True
    return tmp_path / "audit"
