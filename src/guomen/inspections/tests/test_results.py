"""Recording a result with its checklist, findings (photos, time, place), dispositions, and the risk signal."""

import pytest

from guomen.clearance.services import clearance_confirm, clearance_record_result
from guomen.core.errors import ValidationFailed
from guomen.inspections.models import ChecklistItem, InspectionTask
from guomen.inspections.selectors import task_detail, task_dossier
from guomen.inspections.services import photo_upload
from guomen.inspections.tests.factories import PHYSICAL_CHECKED
from guomen.risk.models import RiskSignal

from .factories import durian_requirement, jpeg_with_exif, open_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def durian(orgs):
    """An open task for Thai durian with its import requirement (two mealybugs, marking, orchards)."""
    requirement = durian_requirement()
    task = open_task(orgs["WJD"])
    task.declaration.documents.create(type="phytosanitary_certificate", number="TH-2026-000123")
    return task, requirement


def checklist_of(task, user):
    return task_dossier(task_detail(user, task.pk))["checklist"]


def test_checklist_names_the_pests_of_concern_with_their_photo_hints(durian, inspector):
    task, requirement = durian
    pest = requirement.pests.get(code="PLANLI")
    pest.photo_hint = "白色蜡粉覆盖的椭圆形虫体，常见于果柄"
    pest.save()
    items = {c.code: c for c in checklist_of(task, inspector)}
    assert (
        "南洋臀纹粉蚧" in items["pest.PLANLI"].title and "Planococcus lilacinus" in items["pest.PLANLI"].title
    )
    assert items["pest.PLANLI"].hint == "白色蜡粉覆盖的椭圆形虫体，常见于果柄"
    assert {"pest.PLANMI", "phys.decay", "phys.soil", "phys.packaging"} <= set(items)


def test_checklist_has_documentary_and_identity_checks_from_the_declaration(durian, inspector):
    task, requirement = durian
    items = checklist_of(task, inspector)
    titles = " ".join(c.title for c in items)
    assert "TH-2026-000123" in titles
    assert "输往中华人民共和国" in titles
    base = task.declaration.lines.first().production_bases.first()
    assert f"id.base.{base.code}" in {c.code for c in items}
    assert [c.kind for c in items][0] == "documentary"


def test_a_document_check_task_has_no_physical_items(orgs, inspector):
    durian_requirement()
    task = open_task(orgs["WJD"], channel="document")
    assert not [c for c in checklist_of(task, inspector) if c.kind == "physical"]


def test_checklist_answers_are_stored_with_the_result(durian, inspector):
    task, _requirement = durian
    clearance_record_result(
        task=task,
        outcome="non_conforming",
        findings=[{"hazard_code": "PLANLI", "count": 4}],
        checklist=[
            {"code": "pest.PLANLI", "result": "non_conform", "note": "果柄处发现"},
            {"code": "phys.soil", "result": "conform"},
        ],
        proposed_disposition="return",
        actor=inspector,
    )
    stored = {c.code: c for c in ChecklistItem.objects.filter(task=task)}
    assert stored["pest.PLANLI"].result == "non_conform" and stored["pest.PLANLI"].note == "果柄处发现"
    assert stored["phys.soil"].result == "conform"
    again = {c.code: c for c in checklist_of(task, inspector)}
    assert again["pest.PLANLI"].result == "non_conform"


def test_a_non_conform_item_contradicts_a_conforming_outcome(durian, inspector):
    task, _requirement = durian
    with pytest.raises(ValidationFailed) as exc:
        clearance_record_result(
            task=task,
            outcome="conforming",
            checklist=[{"code": "phys.decay", "result": "non_conform"}],
            proposed_disposition="release",
            actor=inspector,
        )
    assert "checklist.0.result" in exc.value.fields
    assert InspectionTask.objects.get(pk=task.pk).status == "open"


def test_unknown_checklist_item_is_refused_by_name(durian, inspector):
    task, _requirement = durian
    with pytest.raises(ValidationFailed) as exc:
        clearance_record_result(
            task=task,
            outcome="conforming",
            checklist=[{"code": "made.up", "result": "conform"}],
            proposed_disposition="release",
            actor=inspector,
        )
    assert "made.up" in exc.value.fields["checklist.0.code"][0]


def test_finding_keeps_its_photo_time_and_location(durian, inspector):
    task, _requirement = durian
    photo = photo_upload(task=task, data=jpeg_with_exif(), actor=inspector)
    clearance_record_result(
        task=task,
        outcome="non_conforming",
        findings=[
            {
                "hazard_code": "PLANLI",
                "count": 2,
                "photo_ids": [photo.pk],
                "found_at": "2026-11-21T09:30:00+08:00",
                "latitude": "22.5431",
                "longitude": "114.1230",
            }
        ],
        proposed_disposition="return",
        actor=inspector,
    )
    finding = task.findings.get()
    assert list(finding.photos.all()) == [photo]
    assert finding.found_at.isoformat().startswith("2026-11-21T01:30")
    assert str(finding.latitude) == "22.543100"


def test_a_photo_of_another_task_cannot_be_attached(durian, orgs, inspector):
    task, _requirement = durian
    other = open_task(orgs["WJD"])
    photo = photo_upload(task=other, data=jpeg_with_exif(size=(50, 50)), actor=inspector)
    with pytest.raises(ValidationFailed) as exc:
        clearance_record_result(
            task=task,
            outcome="non_conforming",
            findings=[{"description": "虫", "photo_ids": [photo.pk]}],
            proposed_disposition="return",
            actor=inspector,
        )
    assert "findings.0.photos" in exc.value.fields


def test_bad_location_is_refused(durian, inspector):
    task, _requirement = durian
    with pytest.raises(ValidationFailed) as exc:
        clearance_record_result(
            task=task,
            outcome="non_conforming",
            findings=[{"description": "虫", "latitude": "95", "longitude": "114"}],
            proposed_disposition="return",
            actor=inspector,
        )
    assert "findings.0.location" in exc.value.fields


def test_conditional_release_needs_its_conditions(durian, inspector):
    task, _requirement = durian
    with pytest.raises(ValidationFailed) as exc:
        clearance_record_result(
            task=task, outcome="conforming", proposed_disposition="conditional_release", actor=inspector
        )
    assert "conditions" in exc.value.fields


def test_treatment_kind_must_be_named_when_the_supervisor_decides(durian, inspector, supervisor):
    task, _requirement = durian
    task = clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="活虫",
        proposed_disposition="treatment",
        actor=inspector,
    )
    with pytest.raises(ValidationFailed) as exc:
        clearance_confirm(task=task, disposition="treatment", actor=supervisor)
    assert "treatment_kind" in exc.value.fields
    task = InspectionTask.objects.get(pk=task.pk)
    clearance_confirm(task=task, disposition="treatment", treatment_kind="fumigation", actor=supervisor)
    task = InspectionTask.objects.get(pk=task.pk)
    assert (task.disposition, task.treatment_kind, task.declaration.status) == (
        "treatment",
        "fumigation",
        "treatment",
    )


def test_conditional_release_releases_the_declaration_with_its_conditions(durian, inspector, supervisor):
    task, _requirement = durian
    task = clearance_record_result(
        task=task,
        outcome="conforming",
        proposed_disposition="conditional_release",
        conditions="存放于指定冷库，待检测合格后方可销售",
        checklist=PHYSICAL_CHECKED,
        actor=inspector,
    )
    clearance_confirm(task=task, disposition="conditional_release", actor=supervisor)
    task = InspectionTask.objects.get(pk=task.pk)
    assert task.declaration.status == "released" and "冷库" in task.conditions


def test_confirmed_non_conformity_creates_one_risk_signal(durian, inspector, supervisor):
    task, _requirement = durian
    task = clearance_record_result(
        task=task,
        outcome="non_conforming",
        findings=[{"hazard_code": "PLANLI", "count": 4}],
        proposed_disposition="return",
        actor=inspector,
    )
    clearance_confirm(task=task, disposition="return", actor=supervisor)
    signal = RiskSignal.objects.get(source="inspection")
    d = task.declaration
    assert signal.source_ref == f"inspections.inspectiontask:{task.pk}"
    assert signal.hazard.code == "PLANLI"
    assert (signal.origin_id, signal.hs_id, signal.enterprise_id) == ("TH", "081060", d.declarant_id)
    assert signal.production_base == d.lines.first().production_bases.first()
    assert signal.org == task.port
    assert "南洋臀纹粉蚧" in signal.title


def test_conforming_result_creates_no_signal(durian, inspector, supervisor):
    task, _requirement = durian
    task = clearance_record_result(
        task=task,
        outcome="conforming",
        proposed_disposition="release",
        actor=inspector,
        checklist=PHYSICAL_CHECKED,
    )
    clearance_confirm(task=task, disposition="release", actor=supervisor)
    assert not RiskSignal.objects.exists()
