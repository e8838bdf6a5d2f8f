"""Each release rule catches its case, with the evidence a supervisor reads on the card."""

from guomen.clearance.facts import facts_load
from guomen.clearance.rules import evaluate
from guomen.registry.choices import FilingStatus
from guomen.supervision.models import BlacklistEntry

from .helpers import fresh, record_conforming, sample_at_lab


def _codes(task):
    task = fresh(task)
    return {b.code: b for b in evaluate(facts_load(task.declaration, task=task))}


def test_a_clean_inspected_consignment_breaks_no_rule(clean_task, inspector):
    record_conforming(clean_task, inspector)
    assert _codes(clean_task) == {}


def test_a_suspended_orchard_is_a_hard_stop_naming_the_base_and_why(story_task):
    rule = _codes(story_task)["base_not_registered"]
    assert rule.severity == "hard_stop"
    assert "暂停" in rule.evidence[0] and "检出检疫性有害生物" in rule.evidence[0]


def test_a_missing_phytosanitary_certificate_is_a_hard_stop(story_task):
    rule = _codes(story_task)["document_missing"]
    assert "植物检疫证书" in rule.evidence[0]


def test_a_red_channel_without_sample_or_physical_check_is_a_hard_stop(story_task):
    rule = _codes(story_task)["inspection_not_done"]
    assert len(rule.evidence) == 2


def test_a_sample_at_the_laboratory_holds_the_task(clean_task, inspector, lab_analyst, lab):
    sample = sample_at_lab(clean_task, inspector, lab_analyst, lab)
    rule = _codes(clean_task)["sample_pending"]
    assert rule.severity == "hold" and sample.number in rule.evidence[0]


def test_a_suspended_filing_stops_the_goods_of_that_enterprise(clean_task):
    declarant = clean_task.declaration.declarant
    declarant.filing_status = FilingStatus.SUSPENDED
    declarant.save()
    assert "enterprise_standing" in _codes(clean_task)


def test_a_blacklisted_declarant_is_a_hard_stop(clean_task):
    BlacklistEntry.objects.create(enterprise=clean_task.declaration.declarant, status="listed", reason="走私")
    assert "黑名单" in _codes(clean_task)["enterprise_standing"].evidence[0]


def test_the_checks_of_a_rerouted_mandatory_decision_still_count(clean_task):
    from guomen.targeting.models import TargetingDecision

    TargetingDecision.objects.create(
        declaration=clean_task.declaration,
        channel="document",
        original_channel="physical_sampling",
        mandatory=True,
        reasons=[{"code": "measure", "text": "", "params": {}}],
        decided_at=clean_task.created_at,
    )
    codes = _codes(clean_task)
    assert {"inspection_not_done", "measure_checks_missing"} <= set(codes)


def test_the_card_reads_a_task_whose_lines_were_prefetched_by_the_page(clean_task, inspector):
    from guomen.inspections.selectors import task_detail

    task = task_detail(inspector, clean_task.pk)  # the dossier prefetches lines and their bases
    assert evaluate(facts_load(task.declaration, task=task)) is not None


def test_an_ephyto_from_another_country_is_a_hard_stop(clean_task):
    from guomen.declarations.models import PhytoCertificate

    PhytoCertificate.objects.create(
        number="VN-2026-1",
        consignor_name="Dak Lak Fruit",
        export_country="VN",
        items=[],
        declaration=clean_task.declaration,
        org=clean_task.port,
        source="upload",
        sha256="a" * 64,
        xml="<x/>",
    )
    rule = _codes(clean_task)["ephyto_mismatch"]
    assert rule.severity == "hard_stop" and rule.evidence


def test_an_inspector_confirming_a_held_task_is_refused_for_the_role_not_shown_the_rules(
    clean_task, inspector, lab_analyst, lab
):
    import pytest

    from guomen.clearance.services import clearance_confirm
    from guomen.core.errors import PermissionDenied

    sample_at_lab(clean_task, inspector, lab_analyst, lab)
    with pytest.raises(PermissionDenied):
        clearance_confirm(task=fresh(clean_task), disposition="release", actor=inspector)
