import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_record_outside_my_jurisdiction_is_a_404_page_in_chinese(other_inspector):
    from guomen.declarations.tests.factories import DeclarationFactory

    declaration = DeclarationFactory()
    client = Client()
    client.force_login(other_inspector)
    response = client.get(f"/declarations/{declaration.number}/")
    assert response.status_code == 404
    assert "未找到" in response.content.decode()


def test_a_page_my_role_may_not_open_is_a_403_page(inspector):
    client = Client()
    client.force_login(inspector)
    response = client.get("/targeting/rules/")
    assert response.status_code == 403
    assert "权限" in response.content.decode()
