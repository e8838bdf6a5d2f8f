import pytest

from guomen.accounts.models import OrgUnit
from guomen.core.errors import Conflict, IllegalTransition
from guomen.core.models import AuditEvent
from guomen.core.workflow import transition
from guomen.declarations.choices import ALLOWED_TRANSITIONS
from guomen.inspections.choices import ALLOWED_TRANSITIONS as TASK_TRANSITIONS

pytestmark = pytest.mark.django_db


def _task(orgs):
    from guomen.inspections.tests.factories import InspectionTaskFactory

    return InspectionTaskFactory(port=orgs["WJD"])


def test_allowed_transition_changes_status_and_writes_event(orgs, inspector):
    task = _task(orgs)
    transition(task, to="in_progress", allowed=TASK_TRANSITIONS, actor=inspector, verb="task.start")
    task.refresh_from_db()
    assert task.status == "in_progress"
    assert AuditEvent.objects.filter(verb="task.start", object_id=str(task.pk)).exists()


def test_illegal_transition_is_refused_and_changes_nothing(orgs, inspector):
    task = _task(orgs)
    with pytest.raises(IllegalTransition):
        transition(task, to="closed", allowed=TASK_TRANSITIONS, actor=inspector, verb="task.close")
    task.refresh_from_db()
    assert task.status == "open"


def test_stale_version_is_a_conflict_not_a_lost_update(orgs, inspector):
    task = _task(orgs)
    stale_version = task.version
    transition(task, to="in_progress", allowed=TASK_TRANSITIONS, actor=inspector, verb="task.start")
    from guomen.inspections.models import InspectionTask

    other_copy = InspectionTask.objects.get(pk=task.pk)
    other_copy.status = "open"  # what the second person saw
    with pytest.raises(Conflict):
        transition(
            other_copy,
            to="in_progress",
            allowed=TASK_TRANSITIONS,
            actor=inspector,
            verb="task.start",
            expected_version=stale_version,
        )


@pytest.mark.parametrize("status", ["released", "returned", "destroyed", "cancelled"])
def test_final_declaration_statuses_allow_nothing(status):
    assert ALLOWED_TRANSITIONS[status] == set()


def test_orgunit_is_importable():
    assert OrgUnit._meta.label_lower == "accounts.orgunit"


def test_extra_fields_are_stored_as_the_orm_stores_them(orgs, inspector):
    from django.utils import timezone

    from guomen.inspections.models import InspectionTask

    task = _task(orgs)
    now = timezone.now()
    transition(
        task,
        to="in_progress",
        allowed=TASK_TRANSITIONS,
        actor=inspector,
        verb="task.start",
        extra_fields={"assignee_id": inspector.pk, "recorded_at": now},
    )
    stored = InspectionTask.objects.get(pk=task.pk)
    assert (stored.assignee_id, stored.recorded_at, stored.version) == (inspector.pk, now, task.version)


def test_a_record_or_an_expression_is_written_as_queryset_update_writes_it(orgs, inspector):
    from django.db.models.functions import Now

    from guomen.core.rows import update_versioned
    from guomen.inspections.models import InspectionTask

    task = _task(orgs)
    changed = update_versioned(task, version=task.version, status="open", changes={"assignee": inspector})
    changed += update_versioned(task, version=task.version + 1, status="open", changes={"recorded_at": Now()})
    stored = InspectionTask.objects.get(pk=task.pk)
    assert (changed, stored.assignee_id, stored.version) == (2, inspector.pk, task.version + 2)
    assert stored.recorded_at is not None
