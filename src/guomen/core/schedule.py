"""Periodic jobs. Apps register a django-tasks task from AppConfig.ready() to run daily at a local time or every
N minutes; the worker (every 30 s) or `guomen schedule run-due` (from cron) enqueues each due slot exactly once.

- A slot is claimed by inserting a ScheduledRun row, unique per (job, due time): a second worker, a restart or a
  second run-due finds the row and skips. The row and the queued task are written in one transaction, so a slot
  is either claimed and queued or neither.
- A missed slot (the worker was down at 02:15) runs once when the scheduler comes back: only the latest slot is
  caught up, never every missed day.
- A job the scheduler has never seen starts at its next time: its latest past slot is recorded, not run (a fresh
  install or a new job does not fire every daily job at once).
- `GUOMEN_SCHEDULE_DISABLED` (setting, from the environment variable of that name) turns the schedule off; `GUOMEN_SCHEDULE = {"name":
  "02:15" | "every 30" | "off"}` moves or stops single jobs.
"""

import datetime as dt
import logging
import re
import threading
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connections, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .errors import Conflict, NotFound
from .models import ScheduledRun

logger = logging.getLogger("guomen.schedule")

TICK_SECONDS = 30
_NAME = re.compile(r"[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+")


@dataclass(frozen=True)
class Timing:
    """Daily at a local time (`at`), every N minutes counted from local midnight (`every`), or off (neither)."""

    at: dt.time | None = None
    every: int | None = None

    @property
    def off(self) -> bool:
        return self.at is None and self.every is None

    def describe(self) -> str:
        if self.at is not None:
            return _("daily at %(time)s") % {"time": f"{self.at:%H:%M}"}
        if self.every is not None:
            return ngettext("every %(n)d minute", "every %(n)d minutes", self.every) % {"n": self.every}
        return _("off")

    def latest(self, now: dt.datetime) -> dt.datetime | None:
        """The newest slot at or before `now`."""
        if self.off:
            return None
        local = timezone.localtime(now)
        if self.at is not None:
            slot = _local(local.date(), self.at)
            return slot if slot <= now else _local(local.date() - dt.timedelta(days=1), self.at)
        minutes = local.hour * 60 + local.minute
        start = minutes - minutes % self.every
        return _local(local.date(), dt.time(start // 60, start % 60))

    def following(self, now: dt.datetime) -> dt.datetime | None:
        """The first slot after `now`."""
        if self.off:
            return None
        local = timezone.localtime(now)
        tomorrow = local.date() + dt.timedelta(days=1)
        if self.at is not None:
            slot = _local(local.date(), self.at)
            return slot if slot > now else _local(tomorrow, self.at)
        minutes = local.hour * 60 + local.minute
        start = minutes - minutes % self.every + self.every
        if start >= 24 * 60:
            return _local(tomorrow, dt.time(0, 0))
        return _local(local.date(), dt.time(start // 60, start % 60))


def _local(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


def parse_timing(text: str) -> Timing:
    """ "HH:MM" (daily, local time), "every N" (minutes, 1–1440) or "off"."""
    value = str(text).strip().lower()
    if value == "off":
        return Timing()
    if match := re.fullmatch(r"(\d{1,2}):(\d{2})", value):
        hour, minute = int(match[1]), int(match[2])
        if hour < 24 and minute < 60:
            return Timing(at=dt.time(hour, minute))
    match = re.fullmatch(r"every\s+(\d+)\s*(m|min|minutes?)?", value)
    if match and 1 <= int(match[1]) <= 24 * 60:
        return Timing(every=int(match[1]))
    raise ValueError(f'{text!r} is not "HH:MM" (daily), "every N" (minutes, 1-1440) or "off"')


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object  # a django-tasks Task, or the dotted path of one (imported when the job is queued)
    default: Timing

    @property
    def timing(self) -> Timing:
        override = (getattr(settings, "GUOMEN_SCHEDULE", None) or {}).get(self.name)
        if override is None:
            return self.default
        try:
            return parse_timing(override)
        except ValueError as exc:
            raise ImproperlyConfigured(f"GUOMEN_SCHEDULE[{self.name!r}]: {exc}") from exc

    @property
    def label(self) -> str:
        """The registering app's name (translated), e.g. 布控 for targeting.daily."""
        try:
            return str(apps.get_app_config(self.name.split(".")[0]).verbose_name)
        except LookupError:
            return ""

    def get_task(self):
        return import_string(self.task) if isinstance(self.task, str) else self.task


_JOBS: dict[str, PeriodicJob] = {}


def register_periodic(name: str, task, *, at: str | None = None, every_minutes: int | None = None) -> None:
    """Run `task` (no arguments) daily at `at` ("HH:MM", local time) or every `every_minutes` minutes.

    `name` is stable ("targeting.daily"): it keys the slots already run and the GUOMEN_SCHEDULE overrides.
    Pass the task's dotted path to keep its module out of every command's start-up."""
    if not _NAME.fullmatch(name):
        raise ImproperlyConfigured(f"periodic job name {name!r}: use app.job, lower case")
    if (at is None) == (every_minutes is None):
        raise ImproperlyConfigured(f"periodic job {name}: give exactly one of at= or every_minutes=")
    try:
        timing = parse_timing(at if at is not None else f"every {every_minutes}")
    except ValueError as exc:
        raise ImproperlyConfigured(f"periodic job {name}: {exc}") from exc
    known = _JOBS.get(name)
    if known is not None and known.task != task:
        raise ImproperlyConfigured(f"periodic job {name} is already registered for another task")
    _JOBS[name] = PeriodicJob(name=name, task=task, default=timing)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def get_job(name: str) -> PeriodicJob:
    job = _JOBS.get(name)
    if job is None:
        raise NotFound(
            _("There is no periodic job named “%(name)s”. The jobs are: %(names)s.")
            % {"name": name, "names": ", ".join(job.name for job in periodic_jobs())},
            fields={"name": _("Unknown job.")},
        )
    return job


def schedule_disabled() -> bool:
    return bool(getattr(settings, "GUOMEN_SCHEDULE_DISABLED", False))


@dataclass(frozen=True)
class JobState:
    job: PeriodicJob
    timing: Timing
    last_due: dt.datetime | None  # the newest slot claimed (or the time of the newest run by hand)
    due: dt.datetime | None  # the slot to claim now, if any
    first_seen: bool  # never seen before: `due` is recorded, not run
    now: dt.datetime

    @property
    def next_at(self) -> dt.datetime | None:
        """When the job is next queued: its missed slot at once, otherwise its next time."""
        if self.due is not None and not self.first_seen:
            return self.due
        return self.timing.following(self.now)


def job_states(now: dt.datetime | None = None) -> list[JobState]:
    now = now or timezone.now()
    jobs = periodic_jobs()
    last = dict(
        ScheduledRun.objects.filter(name__in=[job.name for job in jobs])
        .values("name")
        .annotate(last=Max("due_at"))
        .values_list("name", "last")
    )
    states = []
    for job in jobs:
        timing = job.timing
        slot = timing.latest(now)
        last_due = last.get(job.name)
        due = slot if slot is not None and (last_due is None or last_due < slot) else None
        states.append(
            JobState(job=job, timing=timing, last_due=last_due, due=due, first_seen=last_due is None, now=now)
        )
    return states


def last_enqueued(name: str) -> ScheduledRun | None:
    return ScheduledRun.objects.filter(name=name, enqueued_at__isnull=False).order_by("-enqueued_at").first()


def enqueue_due(now: dt.datetime | None = None) -> list[ScheduledRun]:
    """Claim and queue every due slot (nothing when the schedule is disabled). Returns the rows written: queued
    slots, and the first-seen slots recorded without running (their `enqueued_at` is empty)."""
    if schedule_disabled():
        return []
    written = []
    for state in job_states(now):
        if state.due is None:
            continue
        try:
            row = _claim(state.job, state.due, run=not state.first_seen)
        except (
            Exception
        ):  # one broken job (a task that cannot be imported or queued) must not stop the others
            logger.exception("could not queue %s", state.job.name)
            continue
        if row is None:
            continue
        written.append(row)
        logger.info(claimed_message(row))
    return written


def claimed_message(row: ScheduledRun) -> str:
    """What a claimed slot did, in words: queued, or recorded as the first slot of a new job."""
    if row.enqueued_at:
        return _("Queued %(job)s (slot %(slot)s).") % {"job": row.name, "slot": format_time(row.due_at)}
    following = get_job(row.name).timing.following(row.due_at)
    return _("%(job)s is new to the schedule: first run at %(next)s.") % {
        "job": row.name,
        "next": format_time(following),
    }


def enqueue_now(name: str) -> ScheduledRun:
    """Queue one job now, by hand (also when the schedule is disabled). It counts as the job's latest run."""
    job = get_job(name)
    row = _claim(job, timezone.now(), run=True, manual=True)
    if row is None:  # another run by hand in the same microsecond
        raise Conflict(_("%(job)s was just queued by someone else.") % {"job": name})
    logger.info(_("Queued %(job)s by hand (task %(id)s)."), {"job": row.name, "id": row.result_id})
    return row


def _claim(job: PeriodicJob, due_at: dt.datetime, *, run: bool, manual: bool = False) -> ScheduledRun | None:
    """Insert the slot or skip it if it is taken; queue the task in the same transaction."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = ScheduledRun.objects.create(name=job.name, due_at=due_at, manual=manual)
        except IntegrityError:
            return None
        if run:
            result = job.get_task().enqueue()
            row.result_id = str(result.id)
            row.enqueued_at = timezone.now()
            row.save(update_fields=["result_id", "enqueued_at"])
    return row


def format_time(value: dt.datetime | None) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else "—"


class Ticker(threading.Thread):
    """The worker's scheduler: a daemon thread (it ends with the worker) queueing due slots every `interval` s."""

    def __init__(self, *, interval: float = TICK_SECONDS):
        super().__init__(name="guomen-schedule", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.tick()
            self.stopped.wait(self.interval)

    def tick(self) -> list[ScheduledRun]:
        try:
            return enqueue_due()
        except Exception:  # a database hiccup must not end the schedule; the next tick tries again
            logger.exception("schedule check failed")
            return []
        finally:
            if threading.current_thread() is self:
                connections.close_all()  # this thread's own connections


def check_schedule_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """GUOMEN_SCHEDULE names registered jobs and gives each a valid time."""
    problems: list[checks.CheckMessage] = []
    overrides = getattr(settings, "GUOMEN_SCHEDULE", None) or {}
    if not isinstance(overrides, dict):
        return [checks.Error("GUOMEN_SCHEDULE must be a dict of job name to time", id="guomen.E101")]
    for name, value in overrides.items():
        if name not in _JOBS:
            problems.append(
                checks.Warning(
                    f"GUOMEN_SCHEDULE names {name!r}, which is not a periodic job",
                    hint="Jobs: " + ", ".join(sorted(_JOBS)),
                    id="guomen.W101",
                )
            )
        try:
            parse_timing(value)
        except ValueError as exc:
            problems.append(checks.Error(f"GUOMEN_SCHEDULE[{name!r}]: {exc}", id="guomen.E102"))
    return problems
