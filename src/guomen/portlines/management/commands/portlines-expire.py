"""guomen portlines-expire [--date YYYY-MM-DD]: move the port lines' records whose validity has passed to expired
(food hygiene licences, agency and packaging-maker registrations, performance tests, packaging use results).
Audited and idempotent; the worker also runs it daily (periodic job `portlines.expire`)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from guomen.portlines.services import expire_due


class Command(BaseCommand):
    help = "Move the port lines' records whose validity has passed to expired (audited, safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to expire against (default: today), YYYY-MM-DD")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        counts = expire_due(today=today)
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
