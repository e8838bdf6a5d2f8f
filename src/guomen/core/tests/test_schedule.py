import datetime as dt
import io
import signal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone, translation
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from guomen.core import schedule
from guomen.core.errors import NotFound
from guomen.core.models import JobRun, ScheduledRun

SHANGHAI = ZoneInfo("Asia/Shanghai")
DB_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


@task()
def nightly_probe() -> int:
    """The test job: leaves a JobRun behind, so a test sees that it really ran."""
    return JobRun.objects.create(kind="schedule-probe").pk


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def runs() -> int:
    return JobRun.objects.filter(kind="schedule-probe").count()


@pytest.fixture
def probe(monkeypatch):
    """The registry holds one job, core.nightly at 02:15 (the apps' jobs are set aside)."""
    monkeypatch.setattr(schedule, "_JOBS", {})
    schedule.register_periodic("core.nightly", f"{__name__}.nightly_probe", at="02:15")
    return schedule.get_job("core.nightly")


def seen_before(job, now=None) -> dt.datetime:
    """Record that the job ran at its slot the day before the latest one; returns the latest slot."""
    latest = job.timing.latest(now or timezone.now())
    ScheduledRun.objects.create(
        name=job.name, due_at=latest - dt.timedelta(days=1), enqueued_at=timezone.now()
    )
    return latest


def command(*args) -> str:
    out = io.StringIO()
    with translation.override("zh-hans"):
        call_command("schedule", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def keep_signals():
    """The worker installs its own SIGINT/SIGTERM handlers; put pytest's back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def worker(*args) -> str:
    out = io.StringIO()
    call_command("worker", "--batch", "--no-reload", "--no-startup-delay", *args, stdout=out)
    return out.getvalue()


# When a slot falls due (Asia/Shanghai local time)


def test_a_daily_job_is_due_at_todays_time_once_it_has_passed():
    timing = schedule.parse_timing("02:15")
    assert timing.latest(at("2026-11-21T10:00")) == at("2026-11-21T02:15")
    assert timing.following(at("2026-11-21T10:00")) == at("2026-11-22T02:15")


def test_before_its_time_the_latest_slot_of_a_daily_job_is_yesterdays():
    timing = schedule.parse_timing("02:15")
    assert timing.latest(at("2026-11-21T02:14")) == at("2026-11-20T02:15")
    assert timing.following(at("2026-11-21T02:14")) == at("2026-11-21T02:15")


def test_daily_times_are_local_even_when_the_utc_date_is_the_day_before():
    now = dt.datetime(2026, 11, 21, 18, 20, tzinfo=dt.UTC)  # 2026-11-22 02:20 in Shanghai
    assert schedule.parse_timing("02:15").latest(now) == at("2026-11-22T02:15")


def test_a_job_near_midnight_is_due_yesterday_until_its_time_comes_round():
    timing = schedule.parse_timing("23:50")
    assert timing.latest(at("2026-11-22T00:05")) == at("2026-11-21T23:50")
    assert timing.following(at("2026-11-22T00:05")) == at("2026-11-22T23:50")


def test_interval_slots_count_from_local_midnight_and_restart_there():
    timing = schedule.parse_timing("every 30")
    assert timing.latest(at("2026-11-21T10:44")) == at("2026-11-21T10:30")
    assert timing.following(at("2026-11-21T10:44")) == at("2026-11-21T11:00")
    assert schedule.parse_timing("every 45").following(at("2026-11-21T23:50")) == at("2026-11-22T00:00")


@pytest.mark.parametrize("text", ["25:00", "2:75", "every 0", "every 2000", "sometimes", ""])
def test_a_time_that_is_not_hh_mm_every_n_or_off_is_refused(text):
    with pytest.raises(ValueError, match="HH:MM"):
        schedule.parse_timing(text)


def test_a_job_needs_a_dotted_name_and_exactly_one_timing(monkeypatch):
    monkeypatch.setattr(schedule, "_JOBS", {})
    with pytest.raises(ImproperlyConfigured, match="app.job"):
        schedule.register_periodic("Nightly", f"{__name__}.nightly_probe", at="02:15")
    with pytest.raises(ImproperlyConfigured, match="exactly one"):
        schedule.register_periodic("core.nightly", f"{__name__}.nightly_probe", at="02:15", every_minutes=5)
    with pytest.raises(ImproperlyConfigured, match="24:00"):
        schedule.register_periodic("core.nightly", f"{__name__}.nightly_probe", at="24:00")


# Queueing due slots


@pytest.mark.django_db
def test_a_due_slot_is_queued_once_however_often_the_scheduler_looks(probe):
    latest = seen_before(probe)
    first = schedule.enqueue_due()
    second = schedule.enqueue_due()
    assert [(row.name, row.due_at) for row in first] == [("core.nightly", latest)]
    assert second == []
    assert runs() == 1  # the immediate backend ran the task once


@pytest.mark.django_db
def test_a_job_whose_task_cannot_be_queued_does_not_hold_up_the_others(probe):
    schedule.register_periodic("core.broken", f"{__name__}.no_such_task", at="02:15")
    seen_before(probe)
    latest = seen_before(schedule.get_job("core.broken"))
    assert [row.name for row in schedule.enqueue_due()] == ["core.nightly"]
    assert runs() == 1
    [broken] = [state for state in schedule.job_states() if state.job.name == "core.broken"]
    assert broken.due == latest  # its slot stays due for the next check


@pytest.mark.django_db
def test_a_slot_another_worker_already_claimed_is_skipped(probe):
    slot = at("2026-11-21T02:15")
    assert schedule._claim(probe, slot, run=True) is not None
    assert schedule._claim(probe, slot, run=True) is None
    assert ScheduledRun.objects.filter(name="core.nightly", due_at=slot).count() == 1
    assert runs() == 1


@pytest.mark.django_db
def test_after_days_down_only_the_latest_missed_slot_runs(probe):
    now = at("2026-11-21T10:00")
    ScheduledRun.objects.create(name="core.nightly", due_at=at("2026-11-17T02:15"), enqueued_at=now)
    queued = schedule.enqueue_due(now)
    assert [row.due_at for row in queued] == [at("2026-11-21T02:15")]
    assert schedule.enqueue_due(now + dt.timedelta(hours=3)) == []
    assert runs() == 1


@pytest.mark.django_db
def test_a_new_job_starts_at_its_next_time_instead_of_running_at_once(probe):
    now = at("2026-11-21T10:00")
    recorded = schedule.enqueue_due(now)
    assert [(row.due_at, row.enqueued_at) for row in recorded] == [(at("2026-11-21T02:15"), None)]
    assert runs() == 0
    assert [row.due_at for row in schedule.enqueue_due(at("2026-11-22T02:15"))] == [at("2026-11-22T02:15")]
    assert runs() == 1


@pytest.mark.django_db
def test_a_run_by_hand_after_the_missed_slot_stands_in_for_it(probe):
    ScheduledRun.objects.create(
        name="core.nightly", due_at=at("2026-11-19T02:15"), enqueued_at=timezone.now()
    )
    ScheduledRun.objects.create(name="core.nightly", due_at=at("2026-11-21T09:00"), manual=True)
    assert schedule.enqueue_due(at("2026-11-21T10:00")) == []


@pytest.mark.django_db
@override_settings(GUOMEN_SCHEDULE_DISABLED=True)
def test_the_disabled_setting_queues_nothing(probe):
    seen_before(probe)
    assert schedule.enqueue_due() == []
    assert "GUOMEN_SCHEDULE_DISABLED" in command("run-due")
    assert runs() == 0


def test_the_disabled_environment_variable_becomes_the_setting(tmp_path):
    """GUOMEN_SCHEDULE_DISABLED=1 in the environment turns the setting on (read once, by the settings)."""
    import os
    import subprocess
    import sys

    code = "from guomen.settings import base; print(base.GUOMEN_SCHEDULE_DISABLED)"
    env = {
        **os.environ,
        "GUOMEN_SCHEDULE_DISABLED": "1",
        "GUOMEN_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr


@pytest.mark.django_db
def test_a_settings_override_moves_or_stops_a_job(probe):
    with override_settings(GUOMEN_SCHEDULE={"core.nightly": "04:30"}):
        assert probe.timing.latest(at("2026-11-21T10:00")) == at("2026-11-21T04:30")
    seen_before(probe, at("2026-11-21T10:00"))
    with override_settings(GUOMEN_SCHEDULE={"core.nightly": "off"}):
        assert schedule.enqueue_due(at("2026-11-21T10:00")) == []
        assert "已在 GUOMEN_SCHEDULE 中关闭" in command("list")


def test_the_system_check_names_a_bad_or_unknown_override(probe):
    with override_settings(GUOMEN_SCHEDULE={"core.nightly": "3am", "core.typo": "02:00"}):
        messages = [m.msg for m in schedule.check_schedule_settings()]
    assert any("core.nightly" in m and "HH:MM" in m for m in messages)
    assert any("core.typo" in m for m in messages)


def test_an_unknown_job_is_named_with_the_jobs_there_are(probe):
    with pytest.raises(NotFound) as caught:
        schedule.get_job("core.nighty")
    assert "core.nighty" in str(caught.value.message)
    assert "core.nightly" in str(caught.value.message)


# The commands


@pytest.mark.django_db
def test_schedule_list_shows_each_jobs_time_last_run_and_next_run(probe):
    latest = seen_before(probe)
    text = command("list")
    assert "core.nightly" in text
    assert "每天 02:15" in text
    assert "上次入队" in text
    assert f"现在（补跑错过的 {schedule.format_time(latest)} 时段）" in text
    schedule.enqueue_due()
    text = command("list")
    assert f"{schedule.format_time(latest)} 时段" in text
    assert f"下次：{schedule.format_time(probe.timing.following(timezone.now()))}" in text


@pytest.mark.django_db
def test_schedule_run_due_prints_what_it_queued_then_that_nothing_is_due(probe):
    latest = seen_before(probe)
    assert f"已入队 core.nightly（{schedule.format_time(latest)} 时段）" in command("run-due")
    assert "没有到期的任务" in command("run-due")
    assert runs() == 1


@pytest.mark.django_db
def test_schedule_run_due_tells_when_a_new_job_first_runs(probe):
    following = probe.timing.following(timezone.now())
    assert f"core.nightly 首次加入计划，将于 {schedule.format_time(following)} 首次运行" in command("run-due")
    assert runs() == 0


@pytest.mark.django_db
def test_schedule_run_queues_one_job_now_and_list_shows_it_was_by_hand(probe):
    assert "已手动入队 core.nightly" in command("run", "core.nightly")
    assert runs() == 1
    assert "（手动）" in command("list")


@pytest.mark.django_db
def test_schedule_run_of_an_unknown_job_is_a_clear_error(probe):
    with pytest.raises(CommandError, match="core.nighty.*core.nightly"):
        command("run", "core.nighty")


# The database backend and the worker


@pytest.mark.django_db
@DB_TASKS
def test_run_due_puts_the_task_in_the_workers_queue(probe):
    seen_before(probe)
    [row] = schedule.enqueue_due()
    queued = DBTaskResult.objects.get(pk=row.result_id)
    assert queued.task_path == f"{__name__}.nightly_probe"
    assert queued.status == "READY"
    assert runs() == 0


@pytest.mark.django_db(transaction=True)  # the worker closes its connection between tasks
@DB_TASKS
def test_the_worker_queues_due_jobs_and_runs_them(probe, keep_signals):
    seen_before(probe)
    worker()
    assert runs() == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
@DB_TASKS
def test_a_worker_with_no_schedule_queues_nothing(probe, keep_signals):
    seen_before(probe)
    worker("--no-schedule")
    assert runs() == 0
    assert not DBTaskResult.objects.exists()


def test_the_scheduler_thread_survives_a_failed_check(probe, monkeypatch):
    def broken(now=None):
        raise RuntimeError("database went away")

    monkeypatch.setattr(schedule, "enqueue_due", broken)
    assert schedule.Ticker().tick() == []


# The apps' jobs


def test_the_apps_register_their_daily_jobs_at_their_times():
    with translation.override("en"):
        jobs = {job.name: job.timing.describe() for job in schedule.periodic_jobs()}
    assert jobs == {
        "core.audit-seal": "every 1 minute",
        "reports.schedule": "daily at 01:30",
        "targeting.daily": "daily at 02:15",
        "risk.daily": "daily at 02:45",
        "supervision.recompute": "daily at 03:15",
        "inspections.followup-remind": "daily at 07:30",
        "notifications.digest": "daily at 07:30",
        "complaints.remind": "daily at 07:45",
        "portlines.expire": "daily at 01:40",
    }


def test_every_registered_job_is_a_django_task():
    from django_tasks.base import Task

    assert all(isinstance(job.get_task(), Task) for job in schedule.periodic_jobs())


@pytest.mark.django_db
def test_the_complaints_job_flags_an_overdue_complaint(orgs):
    from guomen.complaints.tests.factories import make_overdue, submit

    complaint = make_overdue(submit(org=orgs["SZ"]))
    command("run", "complaints.remind")
    complaint.refresh_from_db()
    assert complaint.reminded_on == timezone.localdate()


@pytest.mark.django_db(transaction=True)
@DB_TASKS
def test_the_reports_job_queues_the_nightly_rollup_and_the_monthly_reports(keep_signals):
    from guomen.reports.services import next_monthly_run, next_nightly_run

    command("run", "reports.schedule")
    worker("--no-schedule")
    waiting = dict(DBTaskResult.objects.filter(status="READY").values_list("task_path", "run_after"))
    assert waiting == {
        "guomen.reports.tasks.rollup_nightly_task": next_nightly_run(),
        "guomen.reports.tasks.monthly_reports_task": next_monthly_run(),
    }
