"""An enterprise manages its own users and keys: the administrator only, within its enterprise only, audited;
an e-mail address used elsewhere is refused without naming who uses it."""

import pytest
from django.core import mail
from django.test import Client

from guomen.accounts import enterprise as services
from guomen.accounts.auth import user_for_key
from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.core.errors import NotFound, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.core.permissions import can
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db
PAGE = "/accounts/enterprise-users/"


@pytest.fixture
def firm(orgs):
    return EnterpriseFactory(org=orgs["SZ"], name_zh="深圳市万家果业进出口有限公司")


@pytest.fixture
def other_firm(orgs):
    return EnterpriseFactory(org=orgs["GZ"], name_zh="广州白云冷链有限公司")


@pytest.fixture
def boss(firm, make_user):
    return make_user(Role.ENTERPRISE, enterprise=firm, username="boss", enterprise_role="admin")


@pytest.fixture
def other_boss(other_firm, make_user):
    return make_user(
        Role.ENTERPRISE,
        enterprise=other_firm,
        username="other_boss",
        enterprise_role="admin",
        email="x@gz.cn",
    )


def invite(actor, **overrides):
    kwargs = {"username": "liu_declarant", "email": "liu@wanjia.cn", "enterprise_role": "declarant"}
    return services.enterprise_user_invite(actor=actor, **(kwargs | overrides))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_administrator_invites_a_declarant_of_its_enterprise(boss, firm):
    user, _link, _sent = invite(boss)
    assert (user.enterprise, user.role, user.enterprise_role) == (firm, Role.ENTERPRISE, "declarant")


def test_invitation_is_mailed_with_a_link_to_choose_a_password(boss):
    _user, link, sent = invite(boss)
    assert sent and link in mail.outbox[0].body


def test_invited_user_has_no_password_until_they_choose_one(boss):
    user, _link, _sent = invite(boss)
    assert not user.has_usable_password()


def test_invitation_link_sets_the_password_once(boss):
    user, link, _sent = invite(boss)
    client = Client()
    form_url = client.get(link).url  # Django moves the token into the session
    response = client.post(form_url, {"new_password1": "Wanjia-2026-ok", "new_password2": "Wanjia-2026-ok"})
    user.refresh_from_db()
    assert response.status_code == 302 and user.check_password("Wanjia-2026-ok")
    assert "invite-invalid" in Client().get(link, follow=True).content.decode()


def test_invitation_is_audited(boss):
    invite(boss)
    assert AuditEvent.objects.filter(verb="enterprise_user.invite").exists()


def test_email_of_another_enterprise_is_refused_without_naming_it(boss, other_boss, other_firm):
    with pytest.raises(ValidationFailed) as exc:
        invite(boss, email="X@GZ.cn")
    text = str(exc.value.fields["email"])
    assert other_firm.name_zh not in text and other_firm.uscc not in text and "other_boss" not in text


def test_email_of_a_bureau_officer_is_refused_the_same_way(boss, make_user, orgs):
    make_user(Role.INSPECTOR, orgs["WJD"], username="insp", email="officer@customs.gov.cn")
    with pytest.raises(ValidationFailed) as exc1:
        invite(boss, email="officer@customs.gov.cn")
    make_user(Role.ENTERPRISE, enterprise=EnterpriseFactory(), username="e2", email="e2@firm.cn")
    with pytest.raises(ValidationFailed) as exc2:
        invite(boss, email="e2@firm.cn", username="u2")
    assert exc1.value.fields == exc2.value.fields


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("email", {"email": "not-an-email"}),
        ("username", {"username": " "}),
        ("enterprise_role", {"enterprise_role": "superuser"}),
    ],
)
def test_bad_invitation_names_the_field(boss, field, overrides):
    with pytest.raises(ValidationFailed) as exc:
        invite(boss, **overrides)
    assert field in exc.value.fields


@pytest.mark.parametrize("sub_role", ["declarant", "quality", "viewer"])
def test_only_the_administrator_manages_users(firm, make_user, sub_role):
    user = make_user(Role.ENTERPRISE, enterprise=firm, username="u", enterprise_role=sub_role)
    with pytest.raises(PermissionDenied):
        invite(user)


def test_staff_cannot_manage_an_enterprises_users(supervisor):
    with pytest.raises(PermissionDenied):
        invite(supervisor)


def test_administrator_cannot_deactivate_a_user_of_another_enterprise(boss, other_boss):
    with pytest.raises(NotFound):
        services.enterprise_user_deactivate(actor=boss, user_id=other_boss.pk)


def test_deactivated_user_cannot_act(boss):
    user, _link, _sent = invite(boss)
    services.enterprise_user_deactivate(actor=boss, user_id=user.pk)
    user.refresh_from_db()
    assert not user.is_active and not can(user, "declaration.view")


def test_administrator_cannot_deactivate_itself(boss):
    with pytest.raises(ValidationFailed):
        services.enterprise_user_deactivate(actor=boss, user_id=boss.pk)


def test_role_change_is_audited(boss):
    user, _link, _sent = invite(boss)
    services.enterprise_user_set_role(actor=boss, user_id=user.pk, enterprise_role="viewer")
    assert AuditEvent.objects.filter(verb="enterprise_user.role").exists()


@pytest.mark.parametrize(
    ("sub_role", "action", "allowed"),
    [
        ("admin", "declaration.create", True),
        ("declarant", "declaration.create", True),
        ("quality", "declaration.create", False),
        ("viewer", "declaration.create", False),
        ("declarant", "rectification.answer", False),
        ("quality", "rectification.answer", True),
        ("viewer", "declaration.view", True),
        ("viewer", "enterprise.users.view", False),
        ("admin", "enterprise.users.manage", True),
    ],
)
def test_enterprise_role_matrix(firm, make_user, sub_role, action, allowed):
    user = make_user(Role.ENTERPRISE, enterprise=firm, username="u", enterprise_role=sub_role)
    assert can(user, action) is allowed


def test_key_acts_for_its_enterprise_only(boss, firm):
    _key, raw = services.enterprise_api_key_create(actor=boss, name="ERP")
    user = user_for_key(raw)
    assert (user.role, user.enterprise) == (Role.SYSTEM, firm)


def test_revoked_key_no_longer_authenticates(boss):
    key, raw = services.enterprise_api_key_create(actor=boss, name="ERP")
    services.enterprise_api_key_revoke(actor=boss, key_id=key.pk)
    assert user_for_key(raw) is None


def test_administrator_cannot_revoke_another_enterprises_key(boss, other_boss):
    key, _raw = services.enterprise_api_key_create(actor=other_boss, name="WMS")
    with pytest.raises(NotFound):
        services.enterprise_api_key_revoke(actor=boss, key_id=key.pk)


def test_key_creation_and_revocation_are_audited(boss):
    key, _raw = services.enterprise_api_key_create(actor=boss, name="ERP")
    services.enterprise_api_key_revoke(actor=boss, key_id=key.pk)
    assert set(AuditEvent.objects.values_list("verb", flat=True)) >= {"apikey.create", "apikey.revoke"}


def test_key_without_a_name_is_refused(boss):
    with pytest.raises(ValidationFailed) as exc:
        services.enterprise_api_key_create(actor=boss, name="  ")
    assert "name" in exc.value.fields


@pytest.mark.parametrize(("who", "status"), [("boss", 200), ("declarant", 403), ("supervisor", 403)])
def test_page_is_for_the_enterprise_administrator(firm, make_user, request, who, status):
    if who == "declarant":
        user = make_user(Role.ENTERPRISE, enterprise=firm, username="d", enterprise_role="declarant")
    else:
        user = request.getfixturevalue(who)
    assert client_for(user).get(PAGE).status_code == status


def test_page_lists_only_the_own_enterprises_users(boss, other_boss):
    html = client_for(boss).get(PAGE).content.decode()
    assert "boss" in html and "other_boss" not in html


def test_anonymous_is_sent_to_sign_in():
    assert Client().get(PAGE).status_code == 302


def test_page_invitation_shows_the_link_once(boss):
    response = client_for(boss).post(
        PAGE + "invite/", {"username": "liu", "email": "liu@wanjia.cn", "enterprise_role": "declarant"}
    )
    assert 'data-testid="invite-link"' in response.content.decode()
    assert User.objects.filter(username="liu", enterprise=boss.enterprise).exists()


def test_page_refuses_a_bad_email_with_422(boss):
    response = client_for(boss).post(
        PAGE + "invite/", {"username": "liu", "email": "x", "enterprise_role": "viewer"}
    )
    assert response.status_code == 422


def test_page_cannot_deactivate_another_enterprises_user(boss, other_boss):
    assert client_for(boss).post(PAGE + f"{other_boss.pk}/deactivate/").status_code == 404


def test_a_key_in_use_is_revoked_at_once_in_this_process(boss):
    key, raw = services.enterprise_api_key_create(actor=boss, name="ERP")
    assert user_for_key(raw) is not None  # now held in memory
    services.enterprise_api_key_revoke(actor=boss, key_id=key.pk)
    assert user_for_key(raw) is None


def test_a_key_in_use_stops_when_its_user_is_deactivated(boss):
    key, raw = services.enterprise_api_key_create(actor=boss, name="ERP")
    assert user_for_key(raw) is not None
    key.user.is_active = False
    key.user.save(update_fields=["is_active"])
    assert user_for_key(raw) is None
