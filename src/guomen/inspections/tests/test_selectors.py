import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from guomen.clearance.services import clearance_record_result
from guomen.core.errors import NotFound
from guomen.inspections import selectors

from .factories import InspectionTaskFactory, declaration_under_inspection, durian_requirement, open_task

pytestmark = pytest.mark.django_db


def numbers(tasks):
    return [t.declaration.number for t in tasks]


def test_my_tasks_lists_open_tasks_of_my_port(task, inspector):
    assert numbers(selectors.my_tasks(inspector)) == [task.declaration.number]


def test_my_tasks_puts_due_and_overdue_first_then_priority(orgs, inspector):
    today = timezone.localdate()
    later = InspectionTaskFactory(
        declaration=declaration_under_inspection(orgs["WJD"]),
        priority=99,
        due_date=today + dt.timedelta(days=2),
    )
    low = InspectionTaskFactory(
        declaration=declaration_under_inspection(orgs["WJD"]), priority=10, due_date=today
    )
    overdue = InspectionTaskFactory(
        declaration=declaration_under_inspection(orgs["WJD"]),
        priority=50,
        due_date=today - dt.timedelta(days=1),
    )
    assert [t.pk for t in selectors.my_tasks(inspector)] == [overdue.pk, low.pk, later.pk]


def test_my_tasks_leaves_out_recorded_tasks(task, inspector):
    clearance_record_result(
        task=task,
        outcome="conforming",
        findings=[],
        proposed_disposition="release",
        actor=inspector,
        expected_version=task.version,
    )
    assert list(selectors.my_tasks(inspector)) == []


def test_my_tasks_finds_by_declaration_or_container_number(orgs, inspector):
    task = open_task(orgs["WJD"], transport_id="MSKU1234565")
    open_task(orgs["WJD"])
    assert [t.pk for t in selectors.my_tasks(inspector, q="msku1234565")] == [task.pk]
    assert [t.pk for t in selectors.my_tasks(inspector, q=task.declaration.number)] == [task.pk]


def test_branch_supervisor_sees_tasks_of_ports_below(task, supervisor):
    assert numbers(selectors.my_tasks(supervisor)) == [task.declaration.number]


def test_other_jurisdiction_inspector_sees_no_wjd_tasks(task, other_inspector):
    assert list(selectors.my_tasks(other_inspector)) == []
    with pytest.raises(NotFound):
        selectors.task_detail(other_inspector, task.pk)


def test_lab_analyst_has_no_tasks_to_record(task, lab_analyst):
    assert list(selectors.my_tasks(lab_analyst)) == []


def test_enterprise_user_sees_no_tasks(task, enterprise_user):
    assert list(selectors.my_tasks(enterprise_user)) == []
    assert list(selectors.confirmations(enterprise_user)) == []
    with pytest.raises(NotFound):
        selectors.task_detail(enterprise_user, task.pk)


def test_anonymous_sees_nothing(task):
    assert list(selectors.my_tasks(AnonymousUser())) == []
    with pytest.raises(NotFound):
        selectors.task_detail(AnonymousUser(), task.pk)


def test_confirmations_lists_recorded_results_in_my_subtree(task, inspector, supervisor, by_supervisor):
    clearance_record_result(
        task=task,
        outcome="conforming",
        findings=[],
        proposed_disposition="release",
        actor=inspector,
        expected_version=task.version,
    )
    assert numbers(selectors.confirmations(supervisor)) == [task.declaration.number]
    assert list(selectors.confirmations(by_supervisor)) == []
    assert list(selectors.confirmations(inspector)) == []


def test_task_detail_brings_the_dossier(task, inspector, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        detail = selectors.task_detail(inspector, task.pk)
        line = detail.declaration.lines.all()[0]
        assert line.hs.name_zh == "鲜榴莲"
        assert [b.status for b in line.production_bases.all()] == ["active"]
        assert detail.declaration.declarant.credit_grade


def test_task_detail_is_readable_by_a_risk_analyst_of_the_branch(task, analyst):
    assert selectors.task_detail(analyst, task.pk).pk == task.pk


def test_task_detail_of_a_missing_task_is_not_found(inspector):
    with pytest.raises(NotFound):
        selectors.task_detail(inspector, 999999)


def test_requirements_and_hazard_picker_put_pests_of_concern_first(task):
    durian_requirement()
    requirements = selectors.task_requirements(task)
    concern, _others = selectors.hazard_choices(requirements)
    assert {h.name_zh for h in concern} == {"南洋臀纹粉蚧", "大洋臀纹粉蚧"}


def test_my_tasks_leaves_out_tasks_whose_declaration_is_no_longer_under_inspection(task, inspector):
    type(task.declaration).objects.filter(pk=task.declaration_id).update(status="cancelled")
    assert list(selectors.my_tasks(inspector)) == []
