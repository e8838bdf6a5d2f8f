import logging
import os
import sys

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.translation import gettext as _
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from guomen.core.leases import Heartbeat, lease_release, lease_take, reap
from guomen.core.schedule import TICK_SECONDS, Ticker, periodic_jobs, schedule_disabled
from guomen.core.schedule import logger as schedule_logger


class Command(DbWorkerCommand):
    help = (
        "Run the background task worker (django-tasks database backend). It also queues the periodic jobs "
        "when they are due (see `guomen schedule list`) unless --no-schedule or GUOMEN_SCHEDULE_DISABLED."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_false",
            dest="schedule",
            help="Do not queue the periodic jobs from this worker (another worker or cron does).",
        )
        # Never the autoreloader unless asked for: a reload mid-task leaves the task half done.
        parser.set_defaults(reload=False)

    def handle(self, *args, schedule=True, **options):
        self._configure_schedule_logging(options["verbosity"])
        if not schedule:
            schedule_logger.info(_("Periodic jobs are not queued by this worker (--no-schedule)."))
        elif schedule_disabled():
            schedule_logger.info(_("Periodic jobs are off (GUOMEN_SCHEDULE_DISABLED)."))
        elif options["batch"]:
            Ticker().tick()  # once, before the batch runs what is queued
        elif not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # With --reload the parent process only watches files; the child that runs tasks also schedules.
            schedule_logger.info(
                _("Queueing %(n)d periodic jobs when due (checked every %(s)d s)."),
                {"n": len(periodic_jobs()), "s": TICK_SECONDS},
            )
            Ticker().start()
        if options["batch"]:
            super().handle(*args, **options)
            return
        heartbeat = self._hold_lease(options["worker_id"])
        try:
            super().handle(*args, **options)
        except SystemExit as stop:
            heartbeat.stopped.set()
            lease_release(options["worker_id"])
            # A long-running worker told to stop (SIGINT/SIGTERM) ends here without the interpreter's teardown,
            # whose native thread pools (LightGBM, OpenMP) can crash on the way out.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(stop.code if isinstance(stop.code, int) else 0)

    @staticmethod
    def _hold_lease(worker_id: str) -> Heartbeat:
        """Take this worker's lease, take over the tasks of workers that died, and keep the lease renewed."""
        lease_take(worker_id)
        taken = reap()
        if taken["requeued"] or taken["failed"]:
            schedule_logger.warning(
                _("Took over tasks of stopped workers: %(r)d queued again, %(f)d failed."),
                {"r": taken["requeued"], "f": taken["failed"]},
            )
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        return heartbeat

    def _configure_schedule_logging(self, verbosity: int) -> None:
        schedule_logger.setLevel(logging.WARNING if verbosity == 0 else logging.INFO)
        if not schedule_logger.hasHandlers():
            schedule_logger.addHandler(logging.StreamHandler(self.stdout))
