import pytest

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_page_fits_a_phone_in_chinese(phone, orgs, screenshot):
    phone.goto("/accounts/login/")
    assert phone.locator("h1").inner_text() == "登录国门系统"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "login-phone")


def test_wrong_password_is_shown_without_losing_the_username(phone, inspector):
    login(phone, "inspector_wjd", "wrong-password")
    assert phone.locator(".alert-danger").is_visible()
    assert phone.input_value("input[name=username]") == "inspector_wjd"
