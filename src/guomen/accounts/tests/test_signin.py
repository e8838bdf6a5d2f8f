"""Sign-in throttling per account and per address, password rules on every path that sets a password, and
rate limits that every server worker shares."""

import pytest
from django.core.cache import cache
from django.test import Client

from guomen.accounts.choices import Role
from guomen.accounts.services import user_create
from guomen.core.errors import ValidationFailed

PASSWORD = "correct-horse-42"


@pytest.fixture
def account(orgs, make_user):
    user = make_user(Role.INSPECTOR, orgs["WJD"], username="throttled_wjd")
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(client, username, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_right_password_is_refused_after_five_failures(account, settings):
    client = Client()
    for _ in range(5):
        _sign_in(client, "throttled_wjd", "wrong")
    response = _sign_in(client, "throttled_wjd", PASSWORD)
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_from_other_addresses_still_lock_the_account(account):
    client = Client()
    for n in range(5):
        _sign_in(client, "throttled_wjd", "wrong", address=f"10.0.1.{n}")
    assert (
        "登录失败次数过多" in _sign_in(client, "throttled_wjd", PASSWORD, address="10.9.9.9").content.decode()
    )


def test_one_address_guessing_many_accounts_is_locked(account, settings):
    settings.GUOMEN_SIGNIN_LIMITS = {"account": (5, 900), "address": (3, 900)}
    client = Client()
    for n in range(3):
        _sign_in(client, f"guess{n}", "wrong", address="10.0.0.66")
    assert (
        "登录失败次数过多"
        in _sign_in(client, "throttled_wjd", PASSWORD, address="10.0.0.66").content.decode()
    )
    assert "_auth_user_id" in _signed_in(Client(), address="10.0.0.67").session


def _signed_in(client, address):
    _sign_in(client, "throttled_wjd", PASSWORD, address=address)
    return client


def test_a_success_before_the_limit_clears_the_account_count(account):
    client = Client()
    for _ in range(4):
        _sign_in(client, "throttled_wjd", "wrong")
    _sign_in(client, "throttled_wjd", PASSWORD)
    other = Client()
    for _ in range(4):
        _sign_in(other, "throttled_wjd", "wrong")
    assert "_auth_user_id" in _signed_in(Client(), address="10.0.0.2").session


def test_the_admin_sign_in_is_throttled_too(orgs, make_user):
    admin = make_user(Role.ADMINISTRATOR, orgs["GACC"], username="admin_throttle", is_staff=True)
    admin.set_password(PASSWORD)
    admin.save()
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "admin_throttle", "password": "wrong"})
    client.post("/admin/login/", {"username": "admin_throttle", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("weak", ["1", "password", "12345678"])
def test_the_user_creation_service_refuses_weak_passwords(orgs, weak):
    with pytest.raises(ValidationFailed) as refused:
        user_create(username="weak_user", password=weak, role=Role.INSPECTOR, org=orgs["WJD"])
    assert "password" in refused.value.fields


def test_rate_limits_survive_a_cache_reset_and_are_shared(orgs, settings):
    """The count lives in the database: another worker (or a restart, which empties any cache) sees it."""
    from guomen.portal import ratelimit

    settings.GUOMEN_RATE_LIMITS = {"consignment_lookup": (2, 600)}
    ratelimit.hit("consignment_lookup", "client-a")
    ratelimit.hit("consignment_lookup", "client-a")
    cache.clear()
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit("consignment_lookup", "client-a")
