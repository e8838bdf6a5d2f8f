import datetime as dt

import pytest
from django.utils import timezone

from guomen.clearance.services import clearance_cancel, clearance_submit
from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.declarations.choices import ALLOWED_TRANSITIONS, DeclarationStatus
from guomen.declarations.models import Declaration
from guomen.declarations.services import declaration_transition
from guomen.declarations.tests.factories import DeclarationFactory, line_data, submission
from guomen.inspections.models import InspectionTask
from guomen.registry.choices import BaseStatus
from guomen.targeting.models import SimpleRule

pytestmark = pytest.mark.django_db


def _errors(world, actor=None, **overrides) -> dict:
    with pytest.raises(ValidationFailed) as caught:
        clearance_submit(actor=actor or world["enterprise_user"], **submission(world, **overrides))
    assert Declaration.objects.count() == 0
    return caught.value.fields


# --- a good declaration ------------------------------------------------------------------------------


def test_valid_declaration_is_recorded_with_lines_documents_and_totals(world):
    d = clearance_submit(actor=world["enterprise_user"], **submission(world))
    assert d.number.startswith("WJD" + timezone.localdate().strftime("%Y%m%d"))
    assert len(d.number) == 3 + 8 + 6
    assert len(d.verification_code) == 6
    line = d.lines.get()
    assert line.hs_id == "081060"
    assert [b.code for b in line.production_bases.all()] == [world["base"].code]
    assert d.documents.get().number == "TH-2026-000123"
    assert d.total_value == 54000 and d.total_weight_kg == 18000


def test_submission_is_audited_and_decided(world):
    d = clearance_submit(actor=world["enterprise_user"], **submission(world))
    verbs = list(
        AuditEvent.objects.filter(object_id=str(d.pk), object_type="declarations.declaration").values_list(
            "verb", flat=True
        )
    )
    assert verbs[:2] == ["declaration.submitted", "declaration.targeted"]
    assert d.decision.channel


def test_numbers_follow_a_daily_sequence_per_port(world):
    first = clearance_submit(actor=world["enterprise_user"], **submission(world))
    second = clearance_submit(actor=world["enterprise_user"], **submission(world))
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1


def test_number_taken_meanwhile_is_skipped(world):
    prefix = "WJD" + timezone.localdate().strftime("%Y%m%d")
    DeclarationFactory(number=prefix + "000001", port=world["WJD"])
    d = clearance_submit(actor=world["enterprise_user"], **submission(world))
    assert d.number == prefix + "000002"


def test_number_collision_retries_with_the_next_number(world, monkeypatch):
    """A number another transaction took between our read and our insert: the next one is used."""
    from guomen.declarations import services

    prefix = "WJD" + timezone.localdate().strftime("%Y%m%d")
    DeclarationFactory(number=prefix + "000005", port=world["WJD"])
    real_filter = Declaration.objects.filter
    calls = {"n": 0}

    def stale_filter(*args, **kwargs):  # the first read does not see 000005 yet
        qs = real_filter(*args, **kwargs)
        if "number__startswith" in kwargs and calls["n"] == 0:
            calls["n"] += 1
            return qs.exclude(number=prefix + "000005").filter(number__lt=prefix + "000005")
        return qs

    monkeypatch.setattr(services.Declaration.objects, "filter", stale_filter)
    DeclarationFactory(number=prefix + "000004", port=world["WJD"])
    d = clearance_submit(actor=world["enterprise_user"], **submission(world))
    assert d.number == prefix + "000006"


# --- every validation error is named --------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"port_code": "NOPE"}, "port"),
        ({"port_code": "SZ"}, "port"),  # a branch bureau is not a port
        ({"declarant_uscc": "91440300MA5XXXXX0"}, "declarant_uscc"),
        ({"declarant_uscc": ""}, "declarant_uscc"),
        ({"consignee_uscc": "123"}, "consignee_uscc"),
        ({"origin_country": "XX"}, "origin_country"),
        ({"destination_country": "Atlantis"}, "destination_country"),
        ({"direction": "sideways"}, "direction"),
        ({"transport": "camel"}, "transport"),
        ({"arrival_date": "2026-13-01"}, "arrival_date"),
        ({"lines": []}, "lines"),
        ({"documents": [{"type": "selfie", "number": "1"}]}, "documents.0.type"),
        ({"documents": [{"type": "invoice", "number": ""}]}, "documents.0.number"),
    ],
)
def test_bad_header_field_is_named(world, overrides, field):
    assert field in _errors(world, **overrides)


def test_declarant_not_on_file_is_named(world):
    from guomen.core.testing import make_uscc

    unknown = make_uscc(999_999)
    fields = _errors(world, declarant_uscc=unknown)
    assert unknown in fields["declarant_uscc"][0]


@pytest.mark.parametrize("days", [-60, 200])
def test_implausible_arrival_date_is_refused(world, days):
    assert "arrival_date" in _errors(world, arrival_date=timezone.localdate() + dt.timedelta(days=days))


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"hs_code": "999999"}, "lines.0.hs_code"),
        ({"hs_code": "12"}, "lines.0.hs_code"),
        ({"quantity": "0"}, "lines.0.quantity"),
        ({"net_weight_kg": "-5"}, "lines.0.net_weight_kg"),
        ({"value": "abc"}, "lines.0.value"),
        ({"value": "1e20"}, "lines.0.value"),
        ({"currency": "XYZ"}, "lines.0.currency"),
        ({"description": ""}, "lines.0.description"),
        ({"unit": ""}, "lines.0.unit"),
        ({"production_base_codes": ["NO-SUCH-BASE"]}, "lines.0.production_base_codes"),
    ],
)
def test_bad_line_field_is_named(world, line, field):
    assert field in _errors(world, lines=[line_data(world, **line)])


def test_every_bad_field_is_named_at_once(world):
    fields = _errors(
        world,
        port_code="NOPE",
        origin_country="XX",
        lines=[line_data(world), line_data(world, hs_code="000000", net_weight_kg="0")],
    )
    assert {"port", "origin_country", "lines.1.hs_code", "lines.1.net_weight_kg"} <= set(fields)
    assert not any(name.startswith("lines.0") for name in fields)


# --- who may declare ---------------------------------------------------------------------------------


def test_enterprise_user_cannot_declare_for_another_enterprise(world):
    fields = _errors(world, actor=world["other_enterprise_user"])
    assert "declarant_uscc" in fields


def test_supervisor_may_declare_at_a_port_of_their_jurisdiction(world):
    d = clearance_submit(actor=world["supervisor"], **submission(world))
    assert d.port.code == "WJD"


def test_staff_cannot_declare_at_a_port_outside_their_jurisdiction(world):
    assert "port" in _errors(world, actor=world["other_supervisor"])


def test_inspector_may_not_declare(world):
    with pytest.raises(PermissionDenied):
        clearance_submit(actor=world["inspector"], **submission(world))


# --- the decision drives the status -----------------------------------------------------------------


def test_release_channel_releases_without_a_task(world):
    d = clearance_submit(
        actor=world["enterprise_user"],
        **submission(world, lines=[line_data(world, hs_code="848180", production_base_codes=[])]),
    )
    assert d.status == DeclarationStatus.RELEASED
    assert d.channel == "release"
    assert not InspectionTask.objects.filter(declaration=d).exists()


def test_inspection_channel_opens_a_task_for_the_port(world):
    SimpleRule.objects.create(name="榴莲", hs_prefix="0810", channel="physical", instruction="开箱查验")
    d = clearance_submit(actor=world["enterprise_user"], **submission(world))
    assert d.status == DeclarationStatus.UNDER_INSPECTION
    task = InspectionTask.objects.get(declaration=d)
    assert task.port == world["WJD"] and task.channel == "physical"
    assert "开箱查验" in task.instruction


def test_suspended_base_sends_the_consignment_to_sampling(world):
    world["base"].status = BaseStatus.SUSPENDED
    world["base"].save()
    d = clearance_submit(actor=world["enterprise_user"], **submission(world))
    assert d.channel == "physical_sampling"
    assert InspectionTask.objects.get(declaration=d).channel == "physical_sampling"


# --- cancelling --------------------------------------------------------------------------------------


def test_enterprise_user_cancels_own_declaration_with_reason(world):
    d = DeclarationFactory(port=world["WJD"], declarant=world["enterprise"])
    clearance_cancel(declaration=d, actor=world["enterprise_user"], reason="合同取消")
    d.refresh_from_db()
    assert d.status == DeclarationStatus.CANCELLED
    assert AuditEvent.objects.get(verb="declaration.cancelled").reason == "合同取消"


def test_cancel_needs_a_reason(world):
    d = DeclarationFactory(port=world["WJD"], declarant=world["enterprise"])
    with pytest.raises(ValidationFailed) as caught:
        clearance_cancel(declaration=d, actor=world["enterprise_user"], reason=" ")
    assert "reason" in caught.value.fields


@pytest.mark.parametrize("who", ["other_enterprise_user", "other_supervisor", "inspector"])
def test_cancel_refused_to_others(world, who):
    d = DeclarationFactory(port=world["WJD"], declarant=world["enterprise"])
    with pytest.raises(PermissionDenied):
        clearance_cancel(declaration=d, actor=world[who], reason="x")
    d.refresh_from_db()
    assert d.status == DeclarationStatus.SUBMITTED


def test_supervisor_cancels_in_jurisdiction(world):
    d = DeclarationFactory(port=world["WJD"], declarant=world["enterprise"])
    clearance_cancel(declaration=d, actor=world["supervisor"], reason="重复报检")
    d.refresh_from_db()
    assert d.status == DeclarationStatus.CANCELLED


# --- the state machine -------------------------------------------------------------------------------

ILLEGAL = [
    (src, dst)
    for src in DeclarationStatus.values
    for dst in DeclarationStatus.values
    if dst not in ALLOWED_TRANSITIONS.get(src, set())
]
LEGAL = [(src, dst) for src, targets in ALLOWED_TRANSITIONS.items() for dst in targets]


@pytest.mark.parametrize(("src", "dst"), ILLEGAL)
def test_illegal_transition_is_refused(world, src, dst):
    d = DeclarationFactory(port=world["WJD"], status=src)
    with pytest.raises(IllegalTransition):
        declaration_transition(declaration=d, to=dst, actor=world["supervisor"])
    d.refresh_from_db()
    assert d.status == src


@pytest.mark.parametrize(("src", "dst"), LEGAL)
def test_legal_transition_is_applied_and_audited(world, src, dst):
    d = DeclarationFactory(port=world["WJD"], status=src)
    declaration_transition(declaration=d, to=dst, actor=world["supervisor"])
    d.refresh_from_db()
    assert d.status == dst
    assert AuditEvent.objects.filter(verb=f"declaration.{dst}", object_id=str(d.pk)).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_numbers(world):
    """Real concurrency needs a server database; SQLite serialises writers anyway."""
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the retry path is covered by the collision test")
    barrier = threading.Barrier(4)
    numbers, failures = [], []

    def submit():
        try:
            barrier.wait()
            numbers.append(clearance_submit(actor=None, **submission(world)).number)
        except Exception as exc:  # collected and asserted below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert len(set(numbers)) == 4


def test_cancelling_a_declaration_under_inspection_cancels_its_open_task(orgs, supervisor):
    from guomen.inspections.tests.factories import open_task

    task = open_task(orgs["WJD"])
    clearance_cancel(declaration=task.declaration, actor=supervisor, reason="企业撤回报检")
    task.refresh_from_db()
    assert task.status == "cancelled"
