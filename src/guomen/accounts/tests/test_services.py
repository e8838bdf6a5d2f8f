import pytest
from django.core.management import call_command

from guomen.accounts.auth import user_for_key
from guomen.accounts.choices import Role
from guomen.accounts.models import ApiKey
from guomen.accounts.services import api_key_create, orgunit_create, user_create
from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_orgunit_path_follows_the_tree(orgs):
    unit = orgunit_create(code="szw", name="深圳湾局", kind="port", parent=orgs["SZ"])
    assert unit.code == "SZW"
    assert unit.path == "/GACC/SZ/SZW/"


def test_orgunit_duplicate_code_is_refused_by_field(orgs):
    with pytest.raises(ValidationFailed) as exc:
        orgunit_create(code="WJD", name="重复", kind="port", parent=orgs["SZ"])
    assert "code" in exc.value.fields


def test_enterprise_user_needs_an_enterprise(orgs):
    with pytest.raises(ValidationFailed) as exc:
        user_create(username="ent", password="wjd-inspector-2026", role=Role.ENTERPRISE)
    assert "enterprise" in exc.value.fields


def test_staff_user_needs_a_unit(db):
    with pytest.raises(ValidationFailed) as exc:
        user_create(username="insp", password="wjd-inspector-2026", role=Role.INSPECTOR)
    assert "org" in exc.value.fields


def test_user_creation_is_audited(orgs):
    user = user_create(username="insp", password="wjd-inspector-2026", role=Role.INSPECTOR, org=orgs["WJD"])
    assert AuditEvent.objects.filter(verb="user.create", object_id=str(user.pk)).exists()


def test_api_key_authenticates_as_a_system_user_of_its_unit(orgs):
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    user = user_for_key(raw)
    assert user.role == Role.SYSTEM
    assert user.org == orgs["WJD"]


def test_api_key_is_stored_only_as_a_hash(orgs):
    key, raw = api_key_create(name="单一窗口", org_code="WJD")
    assert raw not in {key.key_hash, key.prefix}
    assert not ApiKey.objects.filter(key_hash=raw).exists()


def test_revoked_key_no_longer_authenticates(orgs):
    key, raw = api_key_create(name="单一窗口", org_code="WJD")
    ApiKey.objects.filter(pk=key.pk).update(revoked_at="2026-01-01T00:00:00Z")
    assert user_for_key(raw) is None


def test_api_key_for_unknown_unit_is_not_found(db):
    with pytest.raises(NotFound):
        api_key_create(name="x", org_code="NOPE")


def test_create_api_key_command_prints_only_the_key(orgs, capsys):
    call_command("create-api-key", "--name", "单一窗口", "--org", "WJD")
    out = capsys.readouterr().out.strip()
    assert "\n" not in out
    assert user_for_key(out) is not None


def test_create_api_key_command_makes_a_key_of_an_enterprise(orgs, capsys):
    from guomen.registry.tests.factories import EnterpriseFactory

    enterprise = EnterpriseFactory(org=orgs["SZ"])
    call_command("create-api-key", "--name", "企业系统", "--org", "WJD", "--enterprise", enterprise.uscc)
    assert user_for_key(capsys.readouterr().out.strip()).enterprise == enterprise


def test_a_key_used_again_costs_no_statement(orgs, django_assert_num_queries):
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    user_for_key(raw)
    with django_assert_num_queries(0):
        again = user_for_key(raw)
    assert again.org == orgs["WJD"]


def test_each_request_gets_its_own_user_instance(orgs):
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    first = user_for_key(raw)
    first.role = "changed by one request"
    assert user_for_key(raw).role == Role.SYSTEM
