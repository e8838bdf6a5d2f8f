import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.core.errors import ApplicationError
from guomen.risk.rasff import rasff_import


class Command(BaseCommand):
    help = (
        "Import RASFF notifications from the portal export (SQLite), a CSV export of any known layout or an XLSX "
        "sheet. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="show the column mapping and what would happen; store nothing",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help="read column HEADER as FIELD (reference, subject, notified_at, origin_text, …); repeatable",
        )
        parser.add_argument("--mapping", type=Path, help="a saved column mapping (JSON {field: header})")
        parser.add_argument(
            "--save-mapping", type=Path, help="save the column mapping used (JSON) for next time"
        )

    def handle(self, *args, **options):
        mapping = {}
        try:
            if options["mapping"]:
                mapping.update(json.loads(options["mapping"].read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise CommandError(_("The mapping file cannot be read: %(error)s") % {"error": exc}) from exc
        for item in options["map"]:
            field, sep, header = item.partition("=")
            if not sep:
                raise CommandError(_("--map takes FIELD=HEADER, not “%(item)s”.") % {"item": item})
            mapping[field.strip()] = header.strip()
        try:
            report = rasff_import(path=options["path"], dry_run=options["dry_run"], mapping=mapping or None)
        except ApplicationError as exc:
            raise CommandError(
                "; ".join(m for ms in exc.fields.values() for m in ms) or str(exc.message)
            ) from exc
        if options["save_mapping"]:
            options["save_mapping"].write_text(
                json.dumps(report.field_mapping(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
            return
        if options["dry_run"] or report.unmapped_columns:
            self.stdout.write(_("Column mapping:"))
            for line in report.columns:
                self.stdout.write(f"  {line}")
            if report.delimiter:
                shown = {"\t": _("tab")}.get(report.delimiter, report.delimiter)
                self.stdout.write(
                    _("Delimiter %(delimiter)s, encoding %(encoding)s")
                    % {"delimiter": shown, "encoding": report.encoding}
                )
        for error in report.errors:
            self.stderr.write(_("row %(row)s: %(reason)s") % error)
        summary = _(
            "%(rows)d rows: %(created)d imported, %(already)d already imported, %(repeated)d repeated in the file, "
            "%(skipped)d skipped; %(hazards)d new hazards to review, %(signals)d risk signals"
        ) % {
            "rows": report.rows,
            "created": report.created,
            "already": report.already,
            "repeated": report.repeated,
            "skipped": len(report.errors),
            "hazards": report.hazards_created,
            "signals": report.signals,
        }
        if options["dry_run"]:
            summary = _("Dry run, nothing stored: %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
        if report.unmapped_columns:
            self.stdout.write(
                _("Columns not mapped (kept as they are): %(columns)s")
                % {"columns": "、".join(report.unmapped_columns)}
            )
        if report.unmapped_categories:
            self.stdout.write(
                _("Categories to map: %(names)s") % {"names": "、".join(report.unmapped_categories)}
            )
        if report.unmapped_origins:
            self.stdout.write(
                _("Origin names to map: %(names)s") % {"names": "、".join(report.unmapped_origins)}
            )
