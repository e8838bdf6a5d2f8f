import pytest

from guomen.accounts.choices import Role
from guomen.core.permissions import can, org_in_scope, restrict
from guomen.declarations.models import Declaration
from guomen.declarations.tests.factories import DeclarationFactory
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_declarations(orgs):
    ent = EnterpriseFactory(org=orgs["SZ"])
    at_wjd = DeclarationFactory(port=orgs["WJD"], declarant=ent)
    at_by = DeclarationFactory(port=orgs["BY"], declarant=EnterpriseFactory(org=orgs["GZ"]))
    return at_wjd, at_by


def test_anonymous_sees_nothing(two_declarations):
    from django.contrib.auth.models import AnonymousUser

    assert not restrict(Declaration.objects.all(), AnonymousUser(), "declaration.view").exists()


def test_staff_sees_own_unit_and_below(two_declarations, supervisor):
    at_wjd, _at_by = two_declarations
    assert list(restrict(Declaration.objects.all(), supervisor, "declaration.view")) == [at_wjd]


def test_other_jurisdiction_sees_nothing_of_ours(two_declarations, other_inspector):
    _at_wjd, at_by = two_declarations
    assert list(restrict(Declaration.objects.all(), other_inspector, "declaration.view")) == [at_by]


def test_enterprise_user_sees_only_its_enterprise(two_declarations, make_user):
    at_wjd, _at_by = two_declarations
    user = make_user(Role.ENTERPRISE, enterprise=at_wjd.declarant)
    assert list(restrict(Declaration.objects.all(), user, "declaration.view")) == [at_wjd]


def test_role_without_the_action_sees_nothing(two_declarations, lab_analyst):
    assert not restrict(Declaration.objects.all(), lab_analyst, "inspection.confirm").exists()


def test_unknown_action_is_denied(supervisor):
    assert not can(supervisor, "declaration.fly")


def test_org_in_scope_is_downward_only(orgs, supervisor):
    assert org_in_scope(supervisor, orgs["WJD"])
    assert not org_in_scope(supervisor, orgs["GACC"])
    assert not org_in_scope(supervisor, orgs["BY"])
