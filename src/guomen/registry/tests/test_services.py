import pytest
from django.utils import translation

from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.core.errors import Conflict, IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.core.testing import make_uscc
from guomen.registry.choices import BaseStatus, EnterpriseKind
from guomen.registry.models import Enterprise
from guomen.registry.services import (
    enterprise_create,
    enterprise_update,
    production_base_create,
    production_base_set_status,
    production_base_update,
)
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory

pytestmark = pytest.mark.django_db


def _data(orgs, **over):
    return {
        "uscc": make_uscc(777),
        "name_zh": "深圳市鲜果进口有限公司",
        "kind": EnterpriseKind.IMPORTER,
        "org": orgs["WJD"],
        **over,
    }


def test_supervisor_files_an_enterprise_with_audit(orgs, supervisor):
    ent = enterprise_create(data=_data(orgs, uscc=make_uscc(777).lower()), actor=supervisor)
    assert ent.uscc == make_uscc(777)
    event = AuditEvent.objects.get(verb="enterprise.create")
    assert event.org_path == "/GACC/SZ/WJD/"
    assert event.after["uscc"] == make_uscc(777)


def test_bad_uscc_is_refused_and_nothing_saved(orgs, supervisor):
    with translation.override("en"), pytest.raises(ValidationFailed) as info:
        enterprise_create(data=_data(orgs, uscc=make_uscc(777)[:-1] + "0"), actor=supervisor)
    assert "check digit" in info.value.fields["uscc"][0]
    assert not Enterprise.objects.exists()


def test_duplicate_uscc_is_refused_naming_the_enterprise_on_file(orgs, supervisor):
    existing = EnterpriseFactory(uscc=make_uscc(777))
    with translation.override("en"), pytest.raises(ValidationFailed) as info:
        enterprise_create(data=_data(orgs), actor=supervisor)
    assert existing.name_zh in info.value.fields["uscc"][0]


def test_supervisor_cannot_file_under_another_jurisdiction(orgs, supervisor):
    with pytest.raises(PermissionDenied) as info:
        enterprise_create(data=_data(orgs, org=orgs["BY"]), actor=supervisor)
    assert "org" in info.value.fields


def test_inspector_cannot_file_enterprises(orgs, inspector):
    with pytest.raises(PermissionDenied):
        enterprise_create(data=_data(orgs), actor=inspector)


def test_enterprise_update_with_stale_version_is_a_conflict(orgs, supervisor):
    ent = EnterpriseFactory(org=orgs["WJD"])
    enterprise_update(enterprise=ent, data={"address": "罗湖区"}, actor=supervisor, expected_version=1)
    stale = Enterprise.objects.get(pk=ent.pk)
    with pytest.raises(Conflict):
        enterprise_update(enterprise=stale, data={"address": "福田区"}, actor=supervisor, expected_version=1)
    assert Enterprise.objects.get(pk=ent.pk).address == "罗湖区"


def test_enterprise_update_audits_before_and_after(orgs, supervisor):
    ent = EnterpriseFactory(org=orgs["WJD"], contact_phone="111")
    enterprise_update(enterprise=ent, data={"contact_phone": "222"}, actor=supervisor, expected_version=1)
    event = AuditEvent.objects.get(verb="enterprise.update")
    assert (event.before, event.after) == ({"contact_phone": "111"}, {"contact_phone": "222"})


def test_other_jurisdiction_supervisor_cannot_edit(orgs, make_user):
    ent = EnterpriseFactory(org=orgs["WJD"])
    gz_supervisor = make_user("supervisor", orgs["GZ"])
    with pytest.raises(PermissionDenied):
        enterprise_update(enterprise=ent, data={"address": "x"}, actor=gz_supervisor)


def test_production_base_create_with_commodities(orgs, supervisor):
    durian = HsCodeFactory()
    base = production_base_create(
        data={
            "code": "GAP-TH-1",
            "kind": "orchard",
            "name": "尖竹汶榴莲园",
            "country": CountryFactory(),
            "commodities": [durian],
        },
        actor=supervisor,
    )
    assert list(base.commodities.all()) == [durian]
    assert AuditEvent.objects.get(verb="production_base.create").after["commodities"] == ["081060"]


def test_duplicate_base_code_is_refused(orgs, supervisor):
    ProductionBaseFactory(code="GAP-TH-1")
    with pytest.raises(ValidationFailed) as info:
        production_base_create(
            data={"code": "GAP-TH-1", "kind": "orchard", "name": "x", "country": CountryFactory()},
            actor=supervisor,
        )
    assert "code" in info.value.fields


def test_production_base_update_changes_region(orgs, supervisor):
    base = ProductionBaseFactory()
    production_base_update(base=base, data={"region": "Rayong"}, actor=supervisor, expected_version=1)
    base.refresh_from_db()
    assert (base.region, base.version) == ("Rayong", 2)


def test_suspending_a_base_records_the_reason(orgs, supervisor):
    base = ProductionBaseFactory()
    production_base_set_status(
        base=base, to=BaseStatus.SUSPENDED, reason="检出南洋臀纹粉蚧", actor=supervisor
    )
    base.refresh_from_db()
    assert (base.status, base.status_reason) == ("suspended", "检出南洋臀纹粉蚧")
    event = AuditEvent.objects.get(verb="production_base.suspended")
    assert event.reason == "检出南洋臀纹粉蚧"
    assert event.before["status"] == "active"


def test_status_change_without_reason_is_refused(orgs, supervisor):
    base = ProductionBaseFactory()
    with pytest.raises(ValidationFailed) as info:
        production_base_set_status(base=base, to=BaseStatus.SUSPENDED, reason=" ", actor=supervisor)
    assert "reason" in info.value.fields


def test_revoked_base_cannot_be_reactivated(orgs, supervisor):
    base = ProductionBaseFactory(status=BaseStatus.REVOKED)
    with pytest.raises(IllegalTransition):
        production_base_set_status(base=base, to=BaseStatus.ACTIVE, reason="申请恢复", actor=supervisor)


def test_stale_status_change_is_a_conflict(orgs, supervisor):
    base = ProductionBaseFactory()
    production_base_update(base=base, data={"region": "Rayong"}, actor=supervisor, expected_version=1)
    with pytest.raises(Conflict):
        production_base_set_status(
            base=base, to=BaseStatus.SUSPENDED, reason="x", actor=supervisor, expected_version=1
        )


def test_inspector_cannot_suspend_a_base(orgs, inspector):
    with pytest.raises(PermissionDenied):
        production_base_set_status(base=ProductionBaseFactory(), to="suspended", reason="x", actor=inspector)
