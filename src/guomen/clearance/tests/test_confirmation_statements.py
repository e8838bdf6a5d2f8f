"""A confirmation's and a sample registration's SQL statements: a fixed number, however much the task holds.

Counts, not timings (as test_intake_statements for the intake). A supervisor's confirmation of a release
reads the declaration (locked) and the release-rule facts (fixed statements), writes the task and the
declaration, counts the outcome for targeting, tells the enterprise and records its audit events in one insert,
with no savepoint; a sample registration takes its number from the port-day counter (core.numbering: one
statement, no savepoint, no retry) and inserts the sample.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guomen.accounts.models import User
from guomen.clearance.services import clearance_confirm
from guomen.inspections.models import InspectionTask
from guomen.labs.models import Laboratory
from guomen.labs.tests.factories import register

from . import test_intake_statements as intake
from .conftest import PHYTO
from .helpers import fresh, record_conforming

bureau = intake.bureau  # the small demo bureau of the intake counts, rolled back after the module
CONFIRM_MAX = 33  # may go down, never up (was 38 before the audit batch and without savepoints)
CONDITIONAL = "conditional_release"
CONDITIONS = "待检测结果合格前不得销售"
REGISTER_MAX = 6  # begin, the first line, the counter, the insert, the audit event, commit

pytestmark = pytest.mark.django_db


def _inner_savepoints(statements: list[str]) -> list[str]:
    """Savepoints beyond the service's own transaction (a savepoint inside a test, BEGIN in production)."""
    return [sql for sql in statements if sql.startswith("SAVEPOINT")][1:]


def _statements(call):
    with CaptureQueriesContext(connection) as ctx:
        result = call()
    return result, [q["sql"] for q in ctx.captured_queries]


def _intake(bureau, n: int) -> InspectionTask:
    body, _statements_ = intake._post(bureau, intake._payload(bureau, n))
    return InspectionTask.objects.select_related("declaration", "port").get(
        declaration__number=body["number"]
    )


def _lab():
    return Laboratory.objects.filter(active=True, org__code__in=("WJD", "SZ")).order_by("id").first()


def _confirm(task):
    """The task's sample is at the laboratory: the supervisor lets the goods go under conditions meanwhile."""
    inspector = User.objects.get(username="inspector_wjd")
    supervisor = User.objects.get(username="supervisor_sz")
    register(task, inspector, _lab())
    record_conforming(task, inspector, proposed=CONDITIONAL, conditions=CONDITIONS)
    task = fresh(task)
    return _statements(
        lambda: clearance_confirm(task=task, disposition=CONDITIONAL, actor=supervisor, conditions=CONDITIONS)
    )


def test_confirming_a_release_takes_a_fixed_small_number_of_statements(bureau):
    _confirm(_intake(bureau, 101))  # the process reads its reference data once
    task, statements = _confirm(_intake(bureau, 102))

    assert (task.declaration.status, task.disposition) == ("released", CONDITIONAL)
    assert len(statements) <= CONFIRM_MAX, "\n".join(statements)
    assert sum(sql.startswith('INSERT INTO "core_auditevent"') for sql in statements) == 1
    assert _inner_savepoints(statements) == [], "\n".join(statements)


def test_the_confirmation_count_does_not_grow_with_documents(bureau):
    _confirm(_intake(bureau, 103))
    _task, few = _confirm(_intake(bureau, 104))
    many = _intake(bureau, 105)
    for i in range(12):
        many.declaration.documents.create(type=PHYTO, number=f"TH-COUNT-9{i:05d}")
    _task, more = _confirm(many)

    assert len(more) == len(few), "\n".join(more)


def test_registering_a_sample_takes_its_number_in_one_statement(bureau):
    inspector, lab = User.objects.get(username="inspector_wjd"), _lab()
    register(_intake(bureau, 106), inspector, lab)  # the port-day counter exists from now on
    task = _intake(bureau, 107)
    sample, statements = _statements(lambda: register(task, inspector, lab))

    assert sample.number.startswith(f"YPWJD{timezone.localtime(sample.created_at):%Y%m%d}")  # the port's day
    assert len(statements) <= REGISTER_MAX, "\n".join(statements)
    assert sum("core_numbersequence" in sql for sql in statements) == 1
    assert _inner_savepoints(statements) == [], "\n".join(statements)


def test_the_sample_count_does_not_grow_with_the_day_s_samples(bureau):
    inspector, lab = User.objects.get(username="inspector_wjd"), _lab()
    task = _intake(bureau, 108)
    register(task, inspector, lab)
    _sample, second = _statements(lambda: register(task, inspector, lab))
    for _i in range(8):
        register(task, inspector, lab)
    _sample, eleventh = _statements(lambda: register(task, inspector, lab))

    assert len(eleventh) == len(second)
