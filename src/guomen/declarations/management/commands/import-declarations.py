import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from guomen.clearance.bulk import declaration_bulk_import
from guomen.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Import declarations from a CSV or XLSX file (one row per line, grouped by the ref column). "
        "All or nothing: a file with bad rows imports nothing and lists each bad row."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--user", help="act as this user (checked like the web upload); default: the system"
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"no such user: {options['user']}")
        try:
            report = declaration_bulk_import(data=path.read_bytes(), filename=path.name, actor=actor)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {**report.as_dict(), "numbers": getattr(report, "numbers", [])}, ensure_ascii=False
                )
            )
        else:
            for error in report.errors:
                self.stderr.write(f"row {error.row} {error.field}: {error.message}")
            for number in getattr(report, "numbers", []):
                self.stdout.write(number)
        if report.errors:
            raise CommandError(f"{len(report.errors)} problem(s); nothing was imported")
        if not options["json"]:
            self.stdout.write(f"imported {report.created} declaration(s)")
