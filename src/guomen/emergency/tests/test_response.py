"""The response of an activated plan: started on an early warning the user may see, tasks, duty roster and status
reports while it is active, closed with a review; the pages a supervisor walks."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from guomen.accounts.choices import Role
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.emergency import services
from guomen.emergency.models import Activation, ActivationTask, DutyShift, StatusReport

pytestmark = pytest.mark.django_db


def test_a_plan_is_activated_on_a_warning_the_user_may_see(plan, supervisor, published_warning):
    activation = services.plan_activate(
        plan=plan, situation="输入性疫情风险", early_warning=published_warning, actor=supervisor
    )
    assert activation.early_warning == published_warning and activation.status == "active"
    assert AuditEvent.objects.filter(verb="emergency_plan.activated", object_id=str(activation.pk)).exists()


def test_a_warning_outside_the_jurisdiction_is_refused_and_nothing_is_saved(
    orgs, make_user, published_warning
):
    gz = make_user(Role.SUPERVISOR, orgs["GZ"], username="sv_gz_plan")
    gz_plan = services.plan_save(
        org=orgs["GZ"],
        kind="port_health",
        title="广州局预案",
        contacts="x",
        revised_on=dt.date(2026, 1, 1),
        actor=gz,
    )
    with pytest.raises(ValidationFailed) as exc:
        services.plan_activate(plan=gz_plan, situation="x", early_warning=published_warning, actor=gz)
    assert "early_warning" in exc.value.fields and not Activation.objects.exists()


def test_a_task_goes_to_staff_of_the_plan_and_its_assignee_marks_it_done(activation, supervisor, inspector):
    task = services.task_add(
        activation=activation,
        title="排查同航班旅客",
        assignee=inspector,
        due_on=timezone.localdate(),
        actor=supervisor,
    )
    services.task_done(task=task, actor=inspector)
    task.refresh_from_db()
    assert task.done_on == timezone.localdate() and task.done_by == inspector
    with pytest.raises(Conflict):
        services.task_done(task=task, actor=inspector)


def test_a_task_for_someone_of_another_unit_names_the_field(activation, supervisor, orgs, make_user):
    outsider = make_user(Role.INSPECTOR, orgs["BY"], username="in_by_task")
    with pytest.raises(ValidationFailed) as exc:
        services.task_add(
            activation=activation, title="x", assignee=outsider, due_on=timezone.localdate(), actor=supervisor
        )
    assert "assignee" in exc.value.fields and not ActivationTask.objects.exists()


def test_a_duty_must_end_after_it_starts(activation, supervisor):
    now = timezone.now()
    with pytest.raises(ValidationFailed) as exc:
        services.duty_add(
            activation=activation,
            person=supervisor,
            starts_at=now,
            ends_at=now,
            phone="0755-88880000",
            actor=supervisor,
        )
    assert "ends_at" in exc.value.fields
    services.duty_add(
        activation=activation,
        person=supervisor,
        starts_at=now,
        ends_at=now + dt.timedelta(hours=8),
        phone="0755-88880000",
        actor=supervisor,
    )
    assert DutyShift.objects.get().phone == "0755-88880000"


def test_someone_named_on_the_response_may_report_an_outsider_may_not(
    activation, supervisor, inspector, orgs, make_user
):
    services.task_add(
        activation=activation, title="x", assignee=inspector, due_on=timezone.localdate(), actor=supervisor
    )
    services.report_add(activation=activation, text="已排查3批", actor=inspector)
    with pytest.raises(PermissionDenied):
        services.report_add(activation=activation, text="x", actor=make_user(Role.INSPECTOR, orgs["BY"]))
    assert list(StatusReport.objects.values_list("text", "author__username")) == [
        ("已排查3批", "inspector_wjd")
    ]


def test_a_closed_response_takes_nothing_more(activation, supervisor):
    services.activation_close(activation=activation, review="处置完毕", actor=supervisor)
    activation.refresh_from_db()
    assert activation.closed_on == timezone.localdate()
    with pytest.raises(Conflict):
        services.report_add(activation=activation, text="补充", actor=supervisor)


def test_the_supervisor_walks_plan_activation_and_closure_in_pages(
    client, plan, supervisor, published_warning
):
    client.force_login(supervisor)
    page = client.get(reverse("risk:warning_detail", args=[published_warning.pk])).content.decode()
    assert f"{reverse('emergency:activation_new')}?warning={published_warning.pk}" in page
    response = client.post(
        reverse("emergency:activation_new"),
        {"plan": str(plan.pk), "early_warning": str(published_warning.pk), "situation": "疫情输入风险"},
    )
    activation = Activation.objects.get()
    assert response.status_code == 302 and activation.early_warning == published_warning
    url = reverse("emergency:activation", args=[activation.pk])
    client.post(
        reverse("emergency:task_add", args=[activation.pk]),
        {
            "title": "启动联防联控",
            "assignee": supervisor.username,
            "due_on": timezone.localdate().isoformat(),
        },
    )
    client.post(reverse("emergency:report_add", args=[activation.pk]), {"text": "已启动联防联控"})
    client.post(reverse("emergency:activation_close", args=[activation.pk]), {"review": "响应及时"})
    page = client.get(url).content.decode()
    assert "启动联防联控" in page and "已启动联防联控" in page and "响应及时" in page
    assert Activation.objects.get().status == "closed"


def test_the_plan_list_filters_by_kind_and_unit(client, plan, supervisor):
    client.force_login(supervisor)
    assert (
        plan.title
        in client.get(reverse("emergency:list"), {"kind": "port_health", "unit": "SZ"}).content.decode()
    )
    assert plan.title not in client.get(reverse("emergency:list"), {"kind": "network"}).content.decode()
    assert plan.title not in client.get(reverse("emergency:list"), {"unit": "WJD"}).content.decode()


def test_the_monthly_report_counts_plans_drills_and_responses_of_the_jurisdiction(
    plan, supervisor, orgs, make_user
):
    from guomen.reports import sources
    from guomen.reports.scope import build_filter

    today = timezone.localdate()
    services.drill_record(plan=plan, held_on=today, scenario="演练", findings="改进", actor=supervisor)
    closed = services.plan_activate(plan=plan, situation="疫情", actor=supervisor)
    services.activation_close(activation=closed, review="处置完毕", actor=supervisor)
    services.plan_activate(plan=plan, situation="第二起", actor=supervisor)
    with translation.override("zh-hans"):
        table = sources.emergency(build_filter(supervisor, {"period": f"{today:%Y-%m}"}))
    assert table.title == "应急预案与演练"
    assert [row[1] for row in table.rows] == [1, 1, 2, 1, 1]
    other = build_filter(make_user(Role.SUPERVISOR, orgs["GZ"]), {"period": f"{today:%Y-%m}"})
    assert [row[1] for row in sources.emergency(other).rows] == [0, 0, 0, 0, 0]


def test_a_task_title_too_long_names_the_field_and_saves_nothing(activation, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.task_add(
            activation=activation,
            title="查" * 300,
            assignee=supervisor,
            due_on=timezone.localdate(),
            actor=supervisor,
        )
    assert "title" in exc.value.fields and not ActivationTask.objects.exists()
