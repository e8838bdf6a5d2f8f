from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.catalog.bulk import run_kind_import
from guomen.core.errors import ApplicationError
from guomen.registry.imports import IMPORT_KINDS


class Command(BaseCommand):
    help = "Import master data (enterprises, bases, hazards, requirements) from CSV/XLSX: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=sorted(IMPORT_KINDS))
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        kind = IMPORT_KINDS[options["kind"]]
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            report = run_kind_import(kind, data=path.read_bytes(), filename=path.name, actor=None)
        except ApplicationError as exc:
            details = "; ".join(m for messages in exc.fields.values() for m in messages)
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        if report.ok:
            self.stdout.write(
                _("Imported %(kind)s: %(created)d created, %(updated)d updated.")
                % {"kind": kind.label, "created": report.created, "updated": report.updated}
            )
            return
        for error in report.errors:
            self.stdout.write(
                _("Row %(row)d, %(field)s: %(message)s")
                % {"row": error.row, "field": kind.column_label(error.field), "message": error.message}
            )
        raise CommandError(_("%(n)d problem(s) found; nothing was imported.") % {"n": len(report.errors)})
