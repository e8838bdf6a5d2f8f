import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.core.audit import audit_seal_all
from guomen.core.checkpoints import AuditAnchorError
from guomen.core.errors import ApplicationError
from guomen.demo.services import SIZES, bureau_exists, demo_logins, seed_demo

from ._logins import print_logins


class Command(BaseCommand):
    help = (
        "Build a deterministic demo bureau (units, users, catalogue, enterprises, orchards, two years of "
        "declarations, today's tasks) in an empty database. --summary-json writes {api_key, ports, "
        "enterprises: [{uscc, name}], production_bases, users: [{username, password, role, org}]}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--declarations", type=int, help="number of past declarations (overrides --size)")
        parser.add_argument("--summary-json", type=Path, help="write the demo summary to this file")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when a bureau already exists")

    def handle(self, *args, size, seed, declarations, summary_json, if_empty, **options):
        if if_empty and bureau_exists():
            self.stdout.write(_("The database already has a bureau: nothing seeded."))
            return
        verbose = options["verbosity"] > 0

        def progress(done, total):
            if verbose:
                self.stderr.write(f"  {done:,} / {total:,}")

        try:
            result = seed_demo(size=size, seed=seed, declarations=declarations, progress=progress)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        try:
            audit_seal_all()  # the demo's history is sealed and signed at once (the worker seals what follows)
        except AuditAnchorError as exc:
            raise CommandError(str(exc)) from exc
        if summary_json:
            summary_json.parent.mkdir(parents=True, exist_ok=True)
            summary_json.write_text(
                json.dumps(result.summary(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
        counts = result.counts
        self.stdout.write(
            _(
                "Demo bureau seeded in %(s).1f s: %(n)d past declarations, %(t)d inspection tasks, %(today)d today."
            )
            % {
                "s": result.seconds["total"],
                "n": counts.get("declarations", 0),
                "t": counts.get("tasks", 0),
                "today": counts.get("today", 0),
            }
        )
        if verbose:
            print_logins(self.stdout, demo_logins())
            self.stdout.write(_("API key (X-API-Key): %(key)s") % {"key": result.bureau.api_key})
