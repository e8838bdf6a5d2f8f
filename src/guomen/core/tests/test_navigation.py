import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_menu_groups_entries_by_section_for_the_role(admin_user):
    client = Client()
    client.force_login(admin_user)
    page = client.get("/declarations/list/").content.decode()
    assert "监管" in page  # the supervision group holds enterprises and production bases
    assert 'href="/registry/enterprises/"' in page


def test_menu_hides_what_the_role_may_not_use(inspector):
    client = Client()
    client.force_login(inspector)
    page = client.get("/declarations/list/").content.decode()
    assert 'href="/targeting/rules/"' not in page
