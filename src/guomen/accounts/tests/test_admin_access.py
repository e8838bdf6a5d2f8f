"""The administrator role works in /admin/: edits master data, reads workflow records, deletes nothing."""

import pytest
from django.test import Client

from guomen.accounts.choices import Role


@pytest.fixture
def admin_client(orgs, make_user):
    client = Client()
    client.force_login(make_user(Role.ADMINISTRATOR, orgs["GACC"], username="admin_site_gacc", is_staff=True))
    return client


def test_the_admin_index_lists_the_master_data(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "/admin/registry/enterprise/" in page and "/admin/catalog/hazard/" in page


def test_the_administrator_can_add_an_enterprise(admin_client):
    assert admin_client.get("/admin/registry/enterprise/add/").status_code == 200


def test_workflow_records_are_read_only(admin_client):
    assert admin_client.get("/admin/declarations/declaration/").status_code == 200
    assert admin_client.get("/admin/declarations/declaration/add/").status_code == 403


def test_other_roles_see_no_admin(orgs, make_user):
    client = Client()
    client.force_login(make_user(Role.SUPERVISOR, orgs["SZ"], username="sup_admin", is_staff=True))
    assert client.get("/admin/registry/enterprise/").status_code == 403
