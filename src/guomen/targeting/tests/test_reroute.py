import pytest

from guomen.clearance.services import clearance_reroute
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.inspections.models import InspectionTask

from .helpers import submit

pytestmark = pytest.mark.django_db


def test_reroute_replaces_the_open_task_and_is_audited(world):
    declaration = submit(world)
    decision = clearance_reroute(
        declaration=declaration, channel="physical_sampling", reason="举报线索", actor=world["supervisor"]
    )
    assert decision.channel == "physical_sampling" and decision.original_channel == "document"
    tasks = dict(InspectionTask.objects.filter(declaration=declaration).values_list("status", "channel"))
    assert tasks == {"cancelled": "document", "open": "physical_sampling"}
    declaration.refresh_from_db()
    assert declaration.channel == "physical_sampling" and declaration.status == "under_inspection"
    event = AuditEvent.objects.get(verb="targeting.rerouted")
    assert event.reason == "举报线索" and event.before == {"channel": "document"}


def test_reroute_needs_a_reason(world):
    with pytest.raises(ValidationFailed) as caught:
        clearance_reroute(
            declaration=submit(world), channel="physical", reason=" ", actor=world["supervisor"]
        )
    assert "reason" in caught.value.fields


def test_reroute_to_release_closes_the_task_and_releases_the_declaration(world):
    declaration = submit(world)
    decision = clearance_reroute(
        declaration=declaration, channel="release", reason="同批货物已在口岸查验", actor=world["supervisor"]
    )
    assert decision.channel == "release" and decision.original_channel == "document"
    declaration.refresh_from_db()
    assert declaration.status == "released" and declaration.channel == "release"
    assert list(InspectionTask.objects.filter(declaration=declaration).values_list("status", flat=True)) == [
        "cancelled"
    ]
    assert AuditEvent.objects.filter(verb="declaration.released", reason="同批货物已在口岸查验").exists()


def test_reroute_to_release_is_refused_when_a_measure_required_the_inspection(world, analyst):
    from guomen.targeting.services import control_measure_create

    control_measure_create(
        scope="enterprise",
        enterprise=world["enterprise"],
        consignments=2,
        lift_after_conforming=1,
        reason="通报",
        actor=analyst,
    )
    declaration = submit(world)
    with pytest.raises(ValidationFailed) as caught:
        clearance_reroute(declaration=declaration, channel="release", reason="x", actor=world["supervisor"])
    assert "不能不经查验直接放行" in str(caught.value.fields["channel"][0])
    declaration.refresh_from_db()
    assert declaration.status == "under_inspection"
    assert InspectionTask.objects.get(declaration=declaration).status == "open"


def test_reroute_to_an_unknown_channel_is_refused(world):
    with pytest.raises(ValidationFailed) as caught:
        clearance_reroute(
            declaration=submit(world), channel="teleport", reason="x", actor=world["supervisor"]
        )
    assert "channel" in caught.value.fields


def test_released_declaration_cannot_be_rerouted(world):
    from guomen.declarations.tests.factories import line_data

    declaration = submit(world, lines=[line_data(world, hs_code="848180", production_base_codes=[])])
    assert declaration.status == "released"
    with pytest.raises(Conflict):
        clearance_reroute(declaration=declaration, channel="physical", reason="x", actor=world["supervisor"])


def test_supervisor_of_another_jurisdiction_cannot_reroute(world):
    with pytest.raises(PermissionDenied):
        clearance_reroute(
            declaration=submit(world), channel="physical", reason="x", actor=world["other_supervisor"]
        )


def test_analyst_cannot_reroute(world, analyst):
    with pytest.raises(PermissionDenied):
        clearance_reroute(declaration=submit(world), channel="physical", reason="x", actor=analyst)


def test_confirmed_result_flows_to_targeting_through_inspections(world, analyst):
    """The clearance flow: confirming a disposition counts the result for the measure (a release would
    need the sample the measure demands, so the supervisor orders a treatment here)."""
    from guomen.clearance.services import clearance_confirm, clearance_record_result
    from guomen.targeting.services import control_measure_create

    measure = control_measure_create(
        scope="enterprise",
        enterprise=world["enterprise"],
        consignments=2,
        lift_after_conforming=1,
        reason="通报",
        actor=analyst,
    )
    declaration = submit(world)
    task = InspectionTask.objects.get(declaration=declaration, status="open")
    task = clearance_record_result(
        task=task, outcome="conforming", proposed_disposition="treatment", actor=world["inspector"]
    )
    clearance_confirm(
        task=task, disposition="treatment", treatment_kind="fumigation", actor=world["supervisor"]
    )
    measure.refresh_from_db()
    assert measure.status == "lifted"
