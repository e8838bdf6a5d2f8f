"""Sampling, chain of custody, judgement against limits, two-person approval, the risk signal."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from guomen.catalog.choices import HazardKind
from guomen.catalog.models import ResidueLimit
from guomen.catalog.tests.factories import HazardFactory, HsCodeFactory
from guomen.clearance.services import clearance_lab_approve
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.labs.models import CustodyEvent, Sample
from guomen.labs.services import (
    result_enter,
    results_return,
    results_submit,
    sample_custody,
    sample_receive_by_code,
    sample_reject,
)
from guomen.labs.tests.factories import mealybug, register, to_received
from guomen.risk.models import RiskSignal

pytestmark = pytest.mark.django_db


# --- registration -------------------------------------------------------------------------------


def test_sample_number_is_port_day_and_sequence(task, inspector, lab):
    sample = register(task, inspector, lab)
    assert sample.number == f"YPWJD{timezone.localdate():%Y%m%d}0001"


def test_numbers_follow_on_within_the_day(task, inspector, lab):
    numbers = [register(task, inspector, lab).number for _ in range(3)]
    assert [n[-4:] for n in numbers] == ["0001", "0002", "0003"]


def test_a_taken_number_is_skipped(task, inspector, lab):
    """A counter behind the numbers already used (e.g. samples entered before it existed) catches up."""
    from guomen.core.models import NumberSequence

    first = register(task, inspector, lab)
    NumberSequence.objects.update(last=0)
    second = register(task, inspector, lab)
    assert second.number != first.number and second.number.endswith("0002")


def test_numbering_continues_after_existing_samples(task, inspector, lab):
    from guomen.core.models import NumberSequence

    register(task, inspector, lab)
    NumberSequence.objects.all().delete()
    assert register(task, inspector, lab).number.endswith("0002")


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_numbers(task, inspector, lab):
    """Real concurrency needs a server database; SQLite serialises writers anyway."""
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the retry path is covered by the collision test")
    barrier = threading.Barrier(4)
    numbers, failures = [], []

    def take():
        try:
            barrier.wait()
            numbers.append(register(task, inspector, lab).number)
        except Exception as exc:  # collected and asserted below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert len(set(numbers)) == 4


def test_registration_sets_due_date_from_the_slowest_test(task, inspector, lab):
    sample = register(task, inspector, lab, tests=["pest_identification", "microbiology"])
    assert sample.due_date == timezone.localdate() + dt.timedelta(days=7)


def test_turnaround_is_configurable(task, inspector, lab, settings):
    settings.GUOMEN_LAB_TURNAROUND_DAYS = {"pesticide_residues": 2}
    sample = register(task, inspector, lab)
    assert sample.due_date == timezone.localdate() + dt.timedelta(days=2)


def test_registration_links_the_declaration_and_first_line(task, inspector, lab):
    sample = register(task, inspector, lab)
    assert sample.declaration == task.declaration
    assert sample.line.line_no == 1
    assert sample.status == "registered"


def test_registration_is_audited(task, inspector, lab):
    sample = register(task, inspector, lab)
    event = AuditEvent.objects.get(verb="lab.register", object_id=str(sample.pk))
    assert event.after["number"] == sample.number and event.actor == inspector


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sample_type": "rock"}, "sample_type"),
        ({"quantity": "0"}, "quantity"),
        ({"quantity": "abc"}, "quantity"),
        ({"unit": ""}, "unit"),
        ({"tests": []}, "tests"),
        ({"tests": ["astrology"]}, "tests"),
        ({"laboratory": "NOPE"}, "laboratory"),
    ],
)
def test_bad_registration_names_the_field_and_saves_nothing(task, inspector, lab, overrides, field):
    with pytest.raises(ValidationFailed) as exc:
        register(task, inspector, lab, **overrides)
    assert field in exc.value.fields
    assert not Sample.objects.exists()


def test_a_test_the_laboratory_does_not_do_is_refused(task, inspector, lab):
    lab.tests = ["pesticide_residues"]
    lab.save()
    with pytest.raises(ValidationFailed) as exc:
        register(task, inspector, lab, tests=["microbiology"])
    assert "tests" in exc.value.fields


def test_inspector_of_another_jurisdiction_cannot_sample(task, other_inspector, lab):
    with pytest.raises(PermissionDenied):
        register(task, other_inspector, lab)


def test_lab_analyst_cannot_register_samples(task, lab_analyst, lab):
    with pytest.raises(PermissionDenied):
        register(task, lab_analyst, lab)


def test_no_sampling_on_a_closed_task(task, inspector, lab):
    task.status = "closed"
    task.save()
    with pytest.raises(Conflict):
        register(task, inspector, lab)


# --- chain of custody ----------------------------------------------------------------------------


def test_custody_steps_record_who_scanned_and_when(task, inspector, lab, lab_analyst):
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    steps = list(CustodyEvent.objects.filter(sample=sample).values_list("step", "by__username"))
    assert steps == [("sealed", "inspector_wjd"), ("handed_over", "inspector_wjd"), ("received", "lab_wjd")]
    assert sample.status == "received"


def test_custody_steps_are_audited(task, inspector, lab, lab_analyst):
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    verbs = list(
        AuditEvent.objects.filter(object_id=str(sample.pk), object_type="labs.sample").values_list(
            "verb", flat=True
        )
    )
    assert verbs == ["lab.register", "lab.seal", "lab.hand_over", "lab.receive"]


def test_scanning_another_code_is_refused(task, inspector, lab):
    sample = register(task, inspector, lab)
    with pytest.raises(ValidationFailed) as exc:
        sample_custody(sample=sample, step="sealed", scanned_code="YPWJD000000009999", actor=inspector)
    assert "code" in exc.value.fields
    sample.refresh_from_db()
    assert sample.status == "registered"


def test_steps_cannot_be_skipped(task, inspector, lab):
    sample = register(task, inspector, lab)
    with pytest.raises(Conflict):
        sample_custody(sample=sample, step="handed_over", scanned_code=sample.number, actor=inspector)


def test_the_code_is_read_case_insensitively(task, inspector, lab):
    sample = register(task, inspector, lab)
    sample_custody(sample=sample, step="sealed", scanned_code=f"  {sample.number.lower()} ", actor=inspector)
    assert sample.status == "sealed"


def test_receipt_before_hand_over_is_refused(task, inspector, lab, lab_analyst):
    sample = register(task, inspector, lab)
    sample_custody(sample=sample, step="sealed", scanned_code=sample.number, actor=inspector)
    with pytest.raises(Conflict):
        sample_receive_by_code(code=sample.number, actor=lab_analyst)


def test_unknown_code_at_the_counter_names_the_code(lab_analyst):
    with pytest.raises(ValidationFailed) as exc:
        sample_receive_by_code(code="YP404", actor=lab_analyst)
    assert "YP404" in exc.value.fields["code"][0]


def test_another_laboratory_cannot_receive(task, inspector, lab, orgs, make_user):
    from guomen.accounts.choices import Role

    sample = register(task, inspector, lab)
    sample_custody(sample=sample, step="sealed", scanned_code=sample.number, actor=inspector)
    sample_custody(sample=sample, step="handed_over", scanned_code=sample.number, actor=inspector)
    with pytest.raises(ValidationFailed):
        sample_receive_by_code(code=sample.number, actor=make_user(Role.LAB_ANALYST, orgs["BY"]))


def test_rejected_sample_needs_a_reason_and_is_final(task, inspector, lab, lab_analyst):
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    with pytest.raises(ValidationFailed):
        sample_reject(sample=sample, actor=lab_analyst, reason=" ")
    sample_reject(sample=sample, actor=lab_analyst, reason="封条破损")
    assert sample.status == "rejected" and sample.is_final


# --- results and judgement ---------------------------------------------------------------------------


@pytest.fixture
def received(task, inspector, lab, lab_analyst, residue):
    return to_received(
        register(task, inspector, lab, tests=["pesticide_residues", "pest_identification"]),
        inspector,
        lab_analyst,
    )


def _enter(sample, actor, **kwargs):
    data = {
        "test": "pesticide_residues",
        "analyte": "CHLORPYRIFOS",
        "unit": "mg/kg",
        "method": "GB 23200.113",
    }
    data.update(kwargs)
    return result_enter(sample=sample, actor=actor, **data)


@pytest.mark.parametrize(
    ("value", "unit", "verdict"),
    [
        ("0.08", "mg/kg", "non_conforming"),
        ("0.05", "mg/kg", "conforming"),  # exactly at the limit conforms
        ("0.049", "mg/kg", "conforming"),
        ("80", "μg/kg", "non_conforming"),  # 80 μg/kg = 0.08 mg/kg
        ("50", "ug/kg", "conforming"),  # 50 μg/kg = 0.05 mg/kg, at the limit
        ("0.06", "ppm", "non_conforming"),
    ],
)
def test_value_is_judged_against_the_mrl(received, lab_analyst, value, unit, verdict):
    item = _enter(received, lab_analyst, value=value, unit=unit)
    assert item.verdict == verdict
    assert item.limit_value == Decimal("0.05") and item.limit_unit == "mg/kg"


def test_limit_in_micrograms_is_compared_after_conversion(task, inspector, lab, lab_analyst):
    hazard = HazardFactory(code="CARBENDAZIM", kind=HazardKind.PESTICIDE_RESIDUE, name_zh="多菌灵")
    ResidueLimit.objects.create(
        hazard=hazard, hs=HsCodeFactory(code="081060"), value=Decimal("500"), unit="μg/kg"
    )
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    assert (
        _enter(sample, lab_analyst, analyte="CARBENDAZIM", value="0.6", unit="mg/kg").verdict
        == "non_conforming"
    )


def test_limit_on_a_broader_hs_code_applies(task, inspector, lab, lab_analyst):
    hazard = HazardFactory(code="CYPERMETHRIN", kind=HazardKind.PESTICIDE_RESIDUE, name_zh="氯氰菊酯")
    ResidueLimit.objects.create(
        hazard=hazard, hs=HsCodeFactory(code="08", level=2), value=Decimal("1"), unit="mg/kg"
    )
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    item = _enter(sample, lab_analyst, analyte="CYPERMETHRIN", value="1.5")
    assert item.verdict == "non_conforming" and item.limit_value == Decimal("1")


def test_incomparable_units_are_refused_on_the_unit(received, lab_analyst):
    with pytest.raises(ValidationFailed) as exc:
        _enter(received, lab_analyst, value="3", unit="CFU/g")
    assert "unit" in exc.value.fields


def test_value_below_the_lod_is_not_detected(received, lab_analyst):
    item = _enter(received, lab_analyst, value="0.001", lod="0.005")
    assert item.verdict == "conforming" and item.detected is False


def test_residue_without_a_limit_says_so(received, lab_analyst):
    HazardFactory(code="NEWPEST", kind=HazardKind.PESTICIDE_RESIDUE)
    assert _enter(received, lab_analyst, analyte="NEWPEST", value="0.2").verdict == "no_limit"


def test_pest_detected_is_non_conforming(received, lab_analyst):
    mealybug()
    item = _enter(received, lab_analyst, test="pest_identification", analyte="PLANLI", unit="", detected=True)
    assert item.verdict == "non_conforming"


def test_pest_not_detected_conforms(received, lab_analyst):
    mealybug()
    item = _enter(
        received, lab_analyst, test="pest_identification", analyte="PLANLI", unit="", detected=False
    )
    assert item.verdict == "conforming"


def test_microbe_detected_is_non_conforming(task, inspector, lab, lab_analyst):
    HazardFactory(code="SALMONELLA", kind=HazardKind.MICROBIOLOGICAL, name_zh="沙门氏菌")
    sample = to_received(register(task, inspector, lab, tests=["microbiology"]), inspector, lab_analyst)
    item = result_enter(
        sample=sample, test="microbiology", analyte="SALMONELLA", detected=True, actor=lab_analyst
    )
    assert item.verdict == "non_conforming"


def test_a_detected_residue_needs_its_value(received, lab_analyst):
    with pytest.raises(ValidationFailed) as exc:
        _enter(received, lab_analyst, unit="", detected=True)
    assert "value" in exc.value.fields


def test_entering_again_corrects_the_same_item(received, lab_analyst):
    _enter(received, lab_analyst, value="0.08")
    _enter(received, lab_analyst, value="0.01")
    (item,) = received.items.all()
    assert item.verdict == "conforming"


def test_first_result_starts_testing(received, lab_analyst):
    _enter(received, lab_analyst, value="0.01")
    received.refresh_from_db()
    assert received.status == "testing"


def test_result_for_a_test_not_requested_is_refused(task, inspector, lab, lab_analyst, residue):
    sample = to_received(register(task, inspector, lab, tests=["microbiology"]), inspector, lab_analyst)
    with pytest.raises(ValidationFailed) as exc:
        _enter(sample, lab_analyst, value="0.01")
    assert "test" in exc.value.fields


def test_inspector_cannot_enter_results(received, inspector):
    with pytest.raises(PermissionDenied):
        _enter(received, inspector, value="0.01")


# --- submission and two-person approval -----------------------------------------------------------------


def _complete(sample, analyst, value="0.08"):
    mealybug()
    _enter(sample, analyst, value=value)
    result_enter(sample=sample, test="pest_identification", analyte="PLANLI", detected=False, actor=analyst)
    return results_submit(sample=sample, actor=analyst)


def test_submission_needs_every_requested_test(received, lab_analyst):
    _enter(received, lab_analyst, value="0.01")
    with pytest.raises(ValidationFailed) as exc:
        results_submit(sample=received, actor=lab_analyst)
    assert "items" in exc.value.fields


def test_the_analyst_who_entered_cannot_approve(received, lab_analyst):
    _complete(received, lab_analyst)
    with pytest.raises(PermissionDenied):
        clearance_lab_approve(sample=received, actor=lab_analyst)
    received.refresh_from_db()
    assert received.status == "results_entered"


def test_second_analyst_approves_and_the_verdict_is_final(received, lab_analyst, second_analyst):
    _complete(received, lab_analyst)
    clearance_lab_approve(sample=received, actor=second_analyst)
    received.refresh_from_db()
    assert (received.status, received.verdict, received.approved_by) == (
        "approved",
        "non_conforming",
        second_analyst,
    )


def test_non_conforming_approval_creates_one_lab_risk_signal(received, lab_analyst, second_analyst):
    _complete(received, lab_analyst)
    clearance_lab_approve(sample=received, actor=second_analyst)
    signal = RiskSignal.objects.get()
    assert signal.source == "lab" and signal.source_ref == f"labs.sample:{received.pk}"
    assert signal.hazard.code == "CHLORPYRIFOS"
    assert signal.origin_id == received.declaration.origin_country_id
    assert signal.hs_id == "081060"
    assert "毒死蜱" in signal.title


def test_conforming_approval_creates_no_signal(received, lab_analyst, second_analyst):
    _complete(received, lab_analyst, value="0.01")
    clearance_lab_approve(sample=received, actor=second_analyst)
    assert received.verdict == "conforming"
    assert not RiskSignal.objects.exists()


def test_inspector_cannot_approve(received, lab_analyst, inspector):
    _complete(received, lab_analyst)
    with pytest.raises(PermissionDenied):
        clearance_lab_approve(sample=received, actor=inspector)


def test_returned_results_go_back_to_testing_with_the_reason(received, lab_analyst, second_analyst):
    _complete(received, lab_analyst)
    results_return(sample=received, actor=second_analyst, reason="复核色谱图")
    assert received.status == "testing"
    assert AuditEvent.objects.filter(verb="lab.return", reason="复核色谱图").exists()


def test_approved_results_cannot_change(received, lab_analyst, second_analyst):
    _complete(received, lab_analyst)
    clearance_lab_approve(sample=received, actor=second_analyst)
    with pytest.raises(Conflict):
        _enter(received, lab_analyst, value="0.01")


def test_stale_version_is_a_conflict(received, lab_analyst, second_analyst):
    _complete(received, lab_analyst)
    with pytest.raises(Conflict):
        clearance_lab_approve(sample=received, actor=second_analyst, expected_version=1)
