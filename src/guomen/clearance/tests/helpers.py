"""Steps of the flow as a test drives them."""

from guomen.clearance.services import clearance_lab_approve, clearance_record_result
from guomen.inspections.models import InspectionTask
from guomen.inspections.tests.factories import PHYSICAL_CHECKED
from guomen.labs.services import result_enter, results_submit
from guomen.labs.tests.factories import register, to_received


def record_conforming(task, inspector, *, proposed="release", **extra):
    return clearance_record_result(
        task=task,
        outcome="conforming",
        proposed_disposition=proposed,
        checklist=PHYSICAL_CHECKED,
        actor=inspector,
        **extra,
    )


def sample_at_lab(task, inspector, lab_analyst, lab):
    sample = register(task, inspector, lab)
    return to_received(sample, inspector, lab_analyst)


def lab_result(sample, lab_analyst, second_analyst, residue, *, value):
    result_enter(
        sample=sample,
        test="pesticide_residues",
        analyte=residue,
        value=value,
        unit="mg/kg",
        actor=lab_analyst,
    )
    sample.refresh_from_db()
    sample = results_submit(sample=sample, actor=lab_analyst)
    return clearance_lab_approve(sample=sample, actor=second_analyst)


def fresh(task):
    return InspectionTask.objects.select_related("declaration", "port").get(pk=task.pk)
