"""The CCC catalogue: national reference data kept by an administrator or a supervisor of the general bureau."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from guomen.accounts.choices import Role
from guomen.catalog.tests.factories import HsCodeFactory
from guomen.certification import services
from guomen.certification.models import CompulsoryProduct
from guomen.certification.selectors import catalogue_list
from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def hs():
    return HsCodeFactory(code="8504", name_en="Electrical transformers", name_zh="变压器、整流器")


@pytest.fixture
def gacc_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GACC"], username="supervisor_gacc")


@pytest.fixture
def entry(hs, admin_user):
    return services.catalogue_add(hs_prefix="8504", name_zh="电源适配器", actor=admin_user)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_adds_an_entry_in_force_today_and_it_is_audited(hs, admin_user):
    entry = services.catalogue_add(
        hs_prefix="85.04", name_zh="电源适配器", announcement="认监委公告2020年第18号", actor=admin_user
    )
    assert entry.hs_prefix == "8504" and entry.in_force_from == timezone.localdate()
    assert AuditEvent.objects.filter(verb="ccc_catalogue.added", object_id=str(entry.pk)).exists()


def test_a_supervisor_of_the_general_bureau_may_change_the_catalogue(hs, gacc_supervisor):
    assert services.catalogue_add(hs_prefix="8504", name_zh="电源适配器", actor=gacc_supervisor).pk


@pytest.mark.parametrize("who", ["supervisor", "inspector", "analyst"])
def test_a_branch_supervisor_or_other_staff_is_refused(hs, request, who):
    with pytest.raises(PermissionDenied):
        services.catalogue_add(hs_prefix="8504", name_zh="电源适配器", actor=request.getfixturevalue(who))
    assert not CompulsoryProduct.objects.exists()


@pytest.mark.parametrize("prefix", ["85a4", "8", "9999", "12345678901"])
def test_an_hs_prefix_not_in_the_hs_catalogue_is_refused_in_chinese_naming_the_field(hs, admin_user, prefix):
    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as exc:
        services.catalogue_add(hs_prefix=prefix, name_zh="电源适配器", actor=admin_user)
    assert exc.value.fields["hs_prefix"][0].startswith("HS编码或前缀")
    assert not CompulsoryProduct.objects.exists()


def test_a_prefix_already_in_the_catalogue_is_refused(entry, admin_user):
    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as exc:
        services.catalogue_add(hs_prefix="8504", name_zh="重复", actor=admin_user)
    assert "已在目录中" in exc.value.fields["hs_prefix"][0]


def test_retiring_keeps_the_entry_as_history_and_it_leaves_the_entries_in_force(entry, admin_user):
    services.catalogue_retire(entry=entry, reason="已移出目录", actor=admin_user)
    entry.refresh_from_db()
    assert entry.retired_on == timezone.localdate() and entry.retired_reason == "已移出目录"
    assert list(catalogue_list(user=admin_user, state="in_force")) == []
    assert list(catalogue_list(user=admin_user, state="retired")) == [entry]
    assert AuditEvent.objects.filter(verb="ccc_catalogue.retired", object_id=str(entry.pk)).exists()


def test_an_entry_retired_from_a_later_day_stays_in_force_until_then(entry, admin_user):
    later = timezone.localdate() + dt.timedelta(days=10)
    services.catalogue_retire(entry=entry, retired_on=later, reason="公告调整", actor=admin_user)
    assert list(catalogue_list(user=admin_user, state="in_force")) == [entry]
    assert list(catalogue_list(user=admin_user, state="retired", on=later)) == [entry]


def test_retiring_in_the_past_or_without_a_reason_is_refused(entry, admin_user):
    with pytest.raises(ValidationFailed) as exc:
        services.catalogue_retire(
            entry=entry, retired_on=timezone.localdate() - dt.timedelta(days=1), reason="", actor=admin_user
        )
    assert set(exc.value.fields) == {"retired_on", "reason"}


def test_a_retired_entry_is_not_edited_but_its_prefix_may_be_added_again(entry, admin_user):
    services.catalogue_retire(entry=entry, reason="已移出目录", actor=admin_user)
    with pytest.raises(IllegalTransition):
        services.catalogue_edit(entry=entry, hs_prefix="8504", name_zh="改名", actor=admin_user)
    again = services.catalogue_add(hs_prefix="8504", name_zh="电源适配器(新公告)", actor=admin_user)
    assert CompulsoryProduct.objects.filter(hs_prefix="8504").count() == 2 and again.retired_on is None


def test_an_edit_is_audited_with_before_and_after(entry, admin_user):
    services.catalogue_edit(entry=entry, hs_prefix="8504", name_zh="电源适配器及充电器", actor=admin_user)
    event = AuditEvent.objects.get(verb="ccc_catalogue.edited")
    assert event.before["name_zh"] == "电源适配器" and event.after["name_zh"] == "电源适配器及充电器"


def test_a_stale_edit_is_a_conflict(entry, admin_user):
    from guomen.core.errors import Conflict

    with pytest.raises(Conflict):
        services.catalogue_edit(
            entry=entry, hs_prefix="8504", name_zh="x", actor=admin_user, expected_version=entry.version + 5
        )


# Pages ----------------------------------------------------------------------------------------------------------


def test_every_staff_member_sees_the_catalogue_but_only_editors_see_the_form(entry, inspector, admin_user):
    page = _client(inspector).get(reverse("certification:catalogue")).content.decode()
    assert "8504" in page and "电源适配器" in page and 'data-testid="catalogue-form"' not in page
    page = _client(admin_user).get(reverse("certification:catalogue")).content.decode()
    assert 'data-testid="catalogue-form"' in page


def test_adding_on_the_page_with_an_unknown_code_shows_the_chinese_error_on_the_field(hs, admin_user):
    response = _client(admin_user).post(
        reverse("certification:catalogue"), {"hs_prefix": "8599", "name_zh": "x"}
    )
    assert response.status_code == 422
    assert "HS编码或前缀：商品编码目录中没有 8599。" in response.content.decode()


def test_a_branch_supervisor_posting_the_form_is_refused(hs, supervisor):
    response = _client(supervisor).post(
        reverse("certification:catalogue"), {"hs_prefix": "8504", "name_zh": "x"}
    )
    assert response.status_code == 403 and not CompulsoryProduct.objects.exists()


def test_retiring_on_the_entry_page(entry, admin_user):
    client = _client(admin_user)
    url = reverse("certification:catalogue_retire", args=[entry.pk])
    client.post(
        url, {"retired_on": str(timezone.localdate()), "reason": "已移出目录", "version": entry.version}
    )
    page = client.get(reverse("certification:catalogue_entry", args=[entry.pk])).content.decode()
    assert "已停止实施" in page and "已移出目录" in page and 'data-testid="catalogue-edit"' not in page


# API ------------------------------------------------------------------------------------------------------------


def _api(user, url, body=None):
    client = _client(user)
    if body is None:
        return client.get(url)
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_api_adds_lists_and_retires(hs, admin_user, inspector):
    created = _api(
        admin_user, "/api/v1/certification/catalogue", {"hs_prefix": "8504", "name_zh": "电源适配器"}
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    listed = _api(inspector, "/api/v1/certification/catalogue?state=in_force").json()
    assert [row["hs_prefix"] for row in listed["results"]] == ["8504"]
    retired = _api(admin_user, f"/api/v1/certification/catalogue/{pk}/retire", {"reason": "已移出目录"})
    assert retired.status_code == 200 and retired.json()["retired_on"] == str(timezone.localdate())


def test_the_api_refuses_a_branch_supervisor_and_names_the_field_on_bad_input(hs, supervisor, admin_user):
    refused = _api(supervisor, "/api/v1/certification/catalogue", {"hs_prefix": "8504", "name_zh": "x"})
    assert refused.status_code == 403
    bad = _api(admin_user, "/api/v1/certification/catalogue", {"hs_prefix": "850", "name_zh": ""})
    assert bad.status_code == 422 and set(bad.json()["fields"]) == {"hs_prefix", "name_zh"}
