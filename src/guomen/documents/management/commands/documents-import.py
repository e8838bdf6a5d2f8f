import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.core.errors import ApplicationError
from guomen.documents.choices import DocumentKind, IndexState
from guomen.documents.models import Document
from guomen.documents.services import document_create


def _message(exc: ApplicationError) -> str:
    fields = getattr(exc, "fields", None) or {}
    return "; ".join(str(m) for ms in fields.values() for m in ms) or str(exc.message)


class Command(BaseCommand):
    help = (
        "Import documents (PDF, DOCX or text files) as an upload would: each is stored and its indexing queued "
        "for `guomen worker`; then wait for the index (or say the documents are queued)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--kind", required=True, choices=DocumentKind.values)
        parser.add_argument("--public", action="store_true", help="show the documents on the public portal")
        parser.add_argument("--number", default="", help="document number (with a single file)")
        parser.add_argument("--title", default="", help="title (with a single file; default: the file name)")
        parser.add_argument(
            "--wait", type=float, default=10.0, help="seconds to wait for the index (default 10)"
        )

    def handle(self, *args, **options):
        files = options["files"]
        if len(files) > 1 and (options["title"] or options["number"]):
            raise CommandError(_("--title and --number name one document: give a single file."))
        created = []
        for path in files:
            if not path.is_file():
                raise CommandError(_("No such file: %(path)s") % {"path": path})
            data = {
                "kind": options["kind"],
                "title": (options["title"] or path.stem)[:300],
                "number": options["number"],
                "public": options["public"],
            }
            try:
                doc = document_create(
                    data=data, actor=None, file_name=path.name, file_bytes=path.read_bytes()
                )
            except ApplicationError as exc:
                raise CommandError(f"{path}: {_message(exc)}") from exc
            created.append(doc.pk)
            self.stdout.write(_("%(path)s → document %(id)s") % {"path": path, "id": doc.pk})
        states = self._wait(created, options["wait"])
        for pk, (state, error, title) in states.items():
            label = dict(IndexState.choices).get(state, state)
            line = _("document %(id)s “%(title)s”: %(state)s") % {"id": pk, "title": title, "state": label}
            if error:
                line += f" ({error})"
            self.stdout.write(line)
        waiting = sum(
            1 for state, _e, _t in states.values() if state in (IndexState.QUEUED, IndexState.INDEXING)
        )
        if waiting:
            self.stdout.write(
                _(
                    "%(n)d document(s) queued for indexing: `guomen worker` indexes them; search finds them then."
                )
                % {"n": waiting}
            )

    def _wait(self, pks: list[int], seconds: float) -> dict:
        deadline = time.monotonic() + max(seconds, 0)
        while True:
            rows = {
                pk: (state, error, title)
                for pk, state, error, title in Document.objects.filter(pk__in=pks).values_list(
                    "pk", "index_state", "index_error", "title"
                )
            }
            pending = [s for s, _e, _t in rows.values() if s in (IndexState.QUEUED, IndexState.INDEXING)]
            if not pending or time.monotonic() >= deadline:
                return dict(sorted(rows.items()))
            time.sleep(0.5)
