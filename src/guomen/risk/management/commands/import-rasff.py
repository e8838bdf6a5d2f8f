import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guomen.core.errors import ApplicationError
from guomen.risk.rasff import rasff_import


class Command(BaseCommand):
    help = "Import RASFF notifications from the portal export (SQLite) or a CSV export of it. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, **options):
        try:
            report = rasff_import(path=options["path"])
        except ApplicationError as exc:
            raise CommandError(
                "; ".join(m for ms in exc.fields.values() for m in ms) or str(exc.message)
            ) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
            return
        for error in report.errors:
            self.stderr.write(f"row {error['row']}: {error['reason']}")
        self.stdout.write(
            f"{report.rows} rows: {report.created} imported, {report.already} already imported, "
            f"{report.repeated} repeated in the file, {len(report.errors)} skipped; "
            f"{report.hazards_created} new hazards to review, {report.signals} risk signals"
        )
        if report.unmapped_categories:
            self.stdout.write("categories to map: " + ", ".join(report.unmapped_categories))
