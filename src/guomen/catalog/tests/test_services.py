import pytest
from django.utils import translation

from guomen.catalog.choices import HazardKind
from guomen.catalog.models import Hazard, ImportRequirement
from guomen.catalog.services import (
    hazard_create,
    hazard_update,
    import_requirement_create,
    import_requirement_update,
    residue_limit_create,
    residue_limit_update,
)
from guomen.catalog.tests.factories import (
    CountryFactory,
    HazardFactory,
    HsCodeFactory,
    ImportRequirementFactory,
)
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PEST = {
    "code": "PEST-PLALI",
    "kind": HazardKind.QUARANTINE_PEST,
    "name_zh": "南洋臀纹粉蚧",
    "scientific_name": "Planococcus lilacinus",
}


def test_hazard_create_saves_and_audits(analyst):
    hazard = hazard_create(data=PEST, actor=analyst)
    event = AuditEvent.objects.get(verb="hazard.create", object_id=str(hazard.pk))
    assert event.actor == analyst
    assert event.after["scientific_name"] == "Planococcus lilacinus"


def test_hazard_with_duplicate_code_is_refused(analyst):
    hazard_create(data=PEST, actor=analyst)
    with translation.override("en"), pytest.raises(ValidationFailed) as info:
        hazard_create(data=PEST, actor=analyst)
    assert "already exists" in info.value.fields["code"][0]
    assert Hazard.objects.count() == 1


def test_hazard_without_chinese_name_is_refused_naming_the_field(analyst):
    with pytest.raises(ValidationFailed) as info:
        hazard_create(data={**PEST, "name_zh": ""}, actor=analyst)
    assert "name_zh" in info.value.fields


def test_inspector_may_not_edit_the_catalogue(inspector):
    with pytest.raises(PermissionDenied):
        hazard_create(data=PEST, actor=inspector)


def test_hazard_update_records_before_and_after(analyst):
    hazard = HazardFactory(name_zh="旧名")
    hazard_update(hazard=hazard, data={"name_zh": "新名"}, actor=analyst, expected_version=1)
    hazard.refresh_from_db()
    assert (hazard.name_zh, hazard.version) == ("新名", 2)
    event = AuditEvent.objects.get(verb="hazard.update")
    assert event.before == {"name_zh": "旧名"}
    assert event.after == {"name_zh": "新名"}


def test_stale_version_is_a_conflict_not_a_lost_update(analyst):
    hazard = HazardFactory(name_zh="旧名")
    hazard_update(hazard=hazard, data={"name_zh": "甲改"}, actor=analyst, expected_version=1)
    stale = Hazard.objects.get(pk=hazard.pk)
    with pytest.raises(Conflict):
        hazard_update(hazard=stale, data={"name_zh": "乙改"}, actor=analyst, expected_version=1)
    assert Hazard.objects.get(pk=hazard.pk).name_zh == "甲改"


def test_unchanged_update_writes_nothing(analyst):
    hazard = HazardFactory(name_zh="同名")
    hazard_update(hazard=hazard, data={"name_zh": "同名"}, actor=analyst, expected_version=1)
    assert Hazard.objects.get(pk=hazard.pk).version == 1
    assert not AuditEvent.objects.filter(verb="hazard.update").exists()


def test_residue_limit_create_and_update(analyst):
    hazard = HazardFactory(kind=HazardKind.PESTICIDE_RESIDUE)
    limit = residue_limit_create(
        data={"hazard": hazard, "hs": HsCodeFactory(), "value": "0.05"}, actor=analyst
    )
    residue_limit_update(limit=limit, data={"value": "0.1"}, actor=analyst, expected_version=1)
    limit.refresh_from_db()
    assert str(limit.value) == "0.1000"
    assert AuditEvent.objects.filter(verb="residue_limit.update").exists()


def test_second_limit_for_same_hazard_and_hs_is_refused(analyst):
    hazard, hs = HazardFactory(), HsCodeFactory()
    residue_limit_create(data={"hazard": hazard, "hs": hs, "value": "1"}, actor=analyst)
    with pytest.raises(ValidationFailed) as info:
        residue_limit_create(data={"hazard": hazard, "hs": hs, "value": "2"}, actor=analyst)
    assert "hs" in info.value.fields


def test_import_requirement_create_with_pests(analyst):
    pests = [HazardFactory(), HazardFactory()]
    data = {
        "hs": HsCodeFactory(),
        "origin": CountryFactory(),
        "pests": pests,
        "marking": "输往中华人民共和国",
    }
    requirement = import_requirement_create(data=data, actor=analyst)
    assert set(requirement.pests.all()) == set(pests)
    event = AuditEvent.objects.get(verb="import_requirement.create")
    assert sorted(event.after["pests"]) == sorted(str(p.pk) for p in pests)


def test_duplicate_import_requirement_is_refused(analyst):
    existing = ImportRequirementFactory()
    with pytest.raises(ValidationFailed) as info:
        import_requirement_create(data={"hs": existing.hs, "origin": existing.origin}, actor=analyst)
    assert "origin" in info.value.fields
    assert ImportRequirement.objects.count() == 1


def test_import_requirement_update_changes_pests_and_audits_them(analyst):
    requirement = ImportRequirementFactory()
    pest = HazardFactory()
    import_requirement_update(
        requirement=requirement, data={"pests": [pest]}, actor=analyst, expected_version=1
    )
    assert list(requirement.pests.all()) == [pest]
    assert AuditEvent.objects.get(verb="import_requirement.update").after == {"pests": [str(pest.pk)]}
