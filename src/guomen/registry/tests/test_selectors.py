import pytest
from django.contrib.auth.models import AnonymousUser

from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.core.errors import NotFound
from guomen.registry.selectors import (
    enterprise_get,
    enterprise_list,
    production_base_get,
    production_base_list,
)
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(orgs, make_user):
    sz_ent = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳鲜果公司")
    gz_ent = EnterpriseFactory(org=orgs["BY"], name_zh="广州冻品公司")
    base_sz = ProductionBaseFactory(enterprise=sz_ent, org=orgs["SZ"])
    base_foreign = ProductionBaseFactory(country=CountryFactory(code="VN"), status="suspended")
    return {
        "sz_ent": sz_ent,
        "gz_ent": gz_ent,
        "base_sz": base_sz,
        "base_foreign": base_foreign,
        "ent_user": make_user("enterprise", enterprise=sz_ent),
        "gz_supervisor": make_user("supervisor", orgs["GZ"]),
    }


def test_anonymous_sees_no_enterprises_or_bases(world):
    assert enterprise_list(user=AnonymousUser()).count() == 0
    assert production_base_list(user=AnonymousUser()).count() == 0


def test_staff_of_any_unit_read_every_enterprise(world, inspector, other_inspector):
    assert enterprise_list(user=inspector).count() == 2
    assert enterprise_list(user=other_inspector).count() == 2


def test_enterprise_user_sees_only_its_own_enterprise_and_bases(world):
    assert list(enterprise_list(user=world["ent_user"])) == [world["sz_ent"]]
    assert list(production_base_list(user=world["ent_user"])) == [world["base_sz"]]


def test_enterprise_list_search_by_name_or_uscc(world, inspector):
    assert list(enterprise_list(user=inspector, q="鲜果")) == [world["sz_ent"]]
    assert list(enterprise_list(user=inspector, q=world["gz_ent"].uscc.lower())) == [world["gz_ent"]]


def test_editing_is_limited_to_own_jurisdiction(world, supervisor):
    assert enterprise_get(user=supervisor, pk=world["sz_ent"].pk, action="enterprise.edit") == world["sz_ent"]
    with pytest.raises(NotFound):
        enterprise_get(user=world["gz_supervisor"], pk=world["sz_ent"].pk, action="enterprise.edit")


def test_wrong_role_cannot_get_for_edit(world, inspector):
    with pytest.raises(NotFound):
        enterprise_get(user=inspector, pk=world["sz_ent"].pk, action="enterprise.edit")
    with pytest.raises(NotFound):
        production_base_get(user=inspector, pk=world["base_foreign"].pk, action="production_base.edit")


def test_foreign_base_without_unit_is_editable_by_any_supervisor(world):
    found = production_base_get(
        user=world["gz_supervisor"], pk=world["base_foreign"].pk, action="production_base.edit"
    )
    assert found == world["base_foreign"]
    with pytest.raises(NotFound):
        production_base_get(
            user=world["gz_supervisor"], pk=world["base_sz"].pk, action="production_base.edit"
        )


def test_base_filters(world, inspector):
    world["base_sz"].commodities.add(HsCodeFactory())
    assert list(production_base_list(user=inspector, country="vn")) == [world["base_foreign"]]
    assert list(production_base_list(user=inspector, status="suspended")) == [world["base_foreign"]]
    assert list(production_base_list(user=inspector, commodity="0810")) == [world["base_sz"]]
    assert production_base_list(user=inspector, kind="packhouse").count() == 0
