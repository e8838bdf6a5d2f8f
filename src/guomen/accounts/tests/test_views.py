import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_login_page_is_chinese_by_default(db):
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_login_page_in_english_when_chosen(db):
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Sign in" in client.get("/accounts/login/").content.decode()


def test_wrong_password_says_so(inspector):
    response = Client().post("/accounts/login/", {"username": "inspector_wjd", "password": "wrong"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "alert-danger" in response.content.decode()


def test_home_requires_login(db):
    response = Client().get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_inspector_lands_on_tasks(inspector):
    client = Client()
    client.force_login(inspector)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inspections/")


def test_logout_needs_post(inspector):
    client = Client()
    client.force_login(inspector)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
