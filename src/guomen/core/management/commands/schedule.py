"""guomen schedule list        each periodic job: when it runs, the last run queued, the next one
guomen schedule run-due     queue what is due now (for cron when no `guomen worker` schedules)
guomen schedule run NAME    queue one job now"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.core import schedule
from guomen.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Periodic jobs: list them, queue what is due (for cron), or queue one now."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="each job, when it runs, the last run queued and the next one")
        sub.add_parser("run-due", help="queue every job that is due now (safe to call as often as you like)")
        run = sub.add_parser("run", help="queue one job now")
        run.add_argument("name", help="the job, e.g. targeting.daily")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "do_" + action.replace("-", "_"))(**options)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc

    def do_list(self, **options):
        if schedule.schedule_disabled():
            self.stdout.write(
                _("The schedule is off (GUOMEN_SCHEDULE_DISABLED): nothing is queued when due.")
            )
        for state in schedule.job_states():
            job = state.job
            self.stdout.write(f"{job.name}  {job.label}".rstrip())
            self.stdout.write("  " + _("When: %(when)s") % {"when": state.timing.describe()})
            self.stdout.write("  " + _("Last queued: %(last)s") % {"last": self._last(job.name)})
            self.stdout.write("  " + _("Next: %(next)s") % {"next": self._next(state)})

    def do_run_due(self, **options):
        if schedule.schedule_disabled():
            self.stdout.write(_("The schedule is off (GUOMEN_SCHEDULE_DISABLED): nothing queued."))
            return
        rows = schedule.enqueue_due()
        for row in rows:
            self.stdout.write(schedule.claimed_message(row))
        if not rows:
            self.stdout.write(_("Nothing is due."))

    def do_run(self, *, name, **options):
        row = schedule.enqueue_now(name)
        self.stdout.write(_("Queued %(job)s by hand (task %(id)s).") % {"job": row.name, "id": row.result_id})

    @staticmethod
    def _last(name: str) -> str:
        row = schedule.last_enqueued(name)
        if row is None:
            return _("never")
        if row.manual:
            return _("%(time)s, by hand") % {"time": schedule.format_time(row.enqueued_at)}
        return _("%(time)s (slot %(slot)s)") % {
            "time": schedule.format_time(row.enqueued_at),
            "slot": schedule.format_time(row.due_at),
        }

    @staticmethod
    def _next(state: schedule.JobState) -> str:
        if state.timing.off:
            return _("none (switched off in GUOMEN_SCHEDULE)")
        if state.due is not None and not state.first_seen:
            return _("now (missed slot %(slot)s)") % {"slot": schedule.format_time(state.due)}
        return schedule.format_time(state.next_at)
