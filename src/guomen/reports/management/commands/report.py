"""guomen report quality --period 2026-09 [--org CODE] --format pdf|xlsx --out FILE
guomen report monthly [--period 2026-09]     generate last month's reports for every bureau now
guomen report schedule                        queue the monthly run (02:00 on the 1st) and the nightly rollup (01:00)
guomen report rollup [--since 2026-01-01]     recount the daily inspection rollup used by trend charts"""

import datetime as dt
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guomen.accounts.models import OrgUnit
from guomen.core.errors import ApplicationError
from guomen.reports import report, services
from guomen.reports.periods import Period


class Command(BaseCommand):
    help = "Quality-analysis reports (质量分析报告)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        quality = sub.add_parser("quality", help="write one unit's monthly report to a file")
        quality.add_argument("--period", required=True, help="month, e.g. 2026-09")
        quality.add_argument("--org", default="", help="unit code (default: the general bureau)")
        quality.add_argument("--format", default="pdf", choices=["pdf", "xlsx"])
        quality.add_argument("--out", required=True, help="output file")
        monthly = sub.add_parser("monthly", help="generate the monthly reports of every bureau now")
        monthly.add_argument("--period", default="", help="month (default: last month)")
        sub.add_parser("schedule", help="queue the next monthly run and the nightly rollup")
        rollup = sub.add_parser("rollup", help="recount the daily inspection rollup")
        rollup.add_argument(
            "--since", default="", help="first day to recount, YYYY-MM-DD (default: last 62 days)"
        )

    def handle(self, *args, **options):
        try:
            getattr(self, f"do_{options['action']}")(options)
        except ApplicationError as exc:
            problems = "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in (exc.fields or {}).items())
            raise CommandError(problems or str(exc.message)) from exc

    def do_quality(self, options):
        code = options["org"]
        org = (
            OrgUnit.objects.filter(code=code).first() if code else OrgUnit.objects.filter(parent=None).first()
        )
        if org is None:
            raise CommandError(f"unknown unit: {code}" if code else "no units: run seed-demo first")
        f = services.report_filter(
            user=services.system_reporter(org), period=options["period"], org_code=org.code
        )
        started = time.perf_counter()

        def progress(percent: int, line: str = "") -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"{percent:3d}% {line}")

        content = report.quality_report(f, options["format"], progress=progress)
        Path(options["out"]).write_bytes(content)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{options['out']}: {len(content):,} bytes, {org.code} {f.period.key}, {seconds:.1f} s"
        )

    def do_monthly(self, options):
        period = Period.parse(options["period"]) if options["period"] else None
        made = services.monthly_reports_run(period=period)
        self.stdout.write(f"{len(made)} reports generated")

    def do_schedule(self, options):
        if services.schedule_monthly() and services.schedule_nightly():
            self.stdout.write(
                f"monthly reports queued for {services.next_monthly_run():%Y-%m-%d %H:%M}, "
                f"rollup for {services.next_nightly_run():%Y-%m-%d %H:%M}"
            )
        else:
            self.stdout.write(
                "the task backend cannot defer tasks: run `guomen report monthly` and `guomen report rollup` from cron"
            )

    def do_rollup(self, options):
        from guomen.reports.rollup import rollup_refresh

        try:
            since = dt.date.fromisoformat(options["since"]) if options["since"] else None
        except ValueError as exc:
            raise CommandError("--since: enter a day as YYYY-MM-DD") from exc
        started = time.perf_counter()
        written = rollup_refresh(since=since)
        self.stdout.write(f"{written:,} rollup rows in {time.perf_counter() - started:.1f} s")
