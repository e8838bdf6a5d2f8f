"""Who sees which samples: the port's staff, the laboratory's analysts, nobody else."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.core.errors import NotFound
from guomen.labs.models import Sample
from guomen.labs.selectors import lab_queue, overdue_samples, sample_get, sample_list, samples_for_task
from guomen.labs.tests.factories import register, to_received

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(task, inspector, lab):
    return register(task, inspector, lab)


def _overdue(sample):
    Sample.objects.filter(pk=sample.pk).update(due_date=timezone.localdate() - dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("inspector", True),  # sampled at their port
        ("supervisor", True),  # the branch above the port
        ("lab_analyst", True),  # the laboratory's unit
        ("admin_user", True),  # the general bureau
        ("other_inspector", False),  # another branch
        ("enterprise", False),
        ("anonymous", False),
    ],
)
def test_sample_visibility(request, sample, orgs, make_user, who, sees):
    from django.contrib.auth.models import AnonymousUser

    if who == "enterprise":
        user = make_user(Role.ENTERPRISE, None)
    elif who == "anonymous":
        user = AnonymousUser()
    else:
        user = request.getfixturevalue(who)
    assert (sample in sample_list(user=user)) is sees


def test_a_laboratory_in_another_branch_sees_the_samples_sent_to_it(task, inspector, orgs, make_user):
    from guomen.labs.tests.factories import LaboratoryFactory

    guangzhou_lab = LaboratoryFactory(code="GZLAB", name="广州海关技术中心", org=orgs["GZ"])
    sample = register(task, inspector, guangzhou_lab)
    analyst = make_user(Role.LAB_ANALYST, orgs["GZ"])
    assert sample_get(user=analyst, pk=sample.pk) == sample


def test_sample_of_another_jurisdiction_is_not_found(sample, other_inspector):
    with pytest.raises(NotFound):
        sample_get(user=other_inspector, pk=sample.pk)


def test_samples_for_task_carry_status_and_verdict(sample, task):
    (found,) = samples_for_task(task)
    assert (found.number, found.status, found.verdict_label) == (sample.number, "registered", "已登记")


def test_queue_holds_samples_handed_over_to_my_laboratory(sample, inspector, lab_analyst):
    assert list(lab_queue(user=lab_analyst)) == []
    to_received(sample, inspector, lab_analyst)
    assert list(lab_queue(user=lab_analyst)) == [sample]


def test_queue_is_empty_for_inspectors(sample, inspector, lab_analyst):
    to_received(sample, inspector, lab_analyst)
    assert list(lab_queue(user=inspector)) == []


def test_overdue_samples_are_past_due_and_not_final(sample, inspector):
    assert list(overdue_samples(inspector)) == []
    _overdue(sample)
    assert list(overdue_samples(inspector)) == [sample]


def test_rejected_samples_are_not_overdue(sample, inspector, lab_analyst):
    from guomen.labs.services import sample_reject

    sample = to_received(sample, inspector, lab_analyst)
    sample_reject(sample=sample, actor=lab_analyst, reason="样品腐烂")
    _overdue(sample)
    assert list(overdue_samples(inspector)) == []


def test_overdue_is_within_jurisdiction(sample, other_inspector):
    _overdue(sample)
    assert list(overdue_samples(other_inspector)) == []
