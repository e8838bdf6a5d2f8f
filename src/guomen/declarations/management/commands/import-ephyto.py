import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from guomen.core.errors import ApplicationError
from guomen.declarations.ephyto import EphytoRejected, ephyto_import
from guomen.declarations.ephyto_parse import MAX_BYTES


class Command(BaseCommand):
    help = (
        "Receive an ePhyto certificate (UN/CEFACT SPSCertificate XML): check it against the hub schemas, "
        "store it and link it to its declaration. Prints every problem and every mismatch found."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--declaration", default="", help="link to this declaration number")
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
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        try:
            report = ephyto_import(
                data=data, actor=actor, declaration_number=options["declaration"], source="command"
            )
        except EphytoRejected as exc:
            if options["json"]:
                self.stdout.write(
                    json.dumps({"accepted": False, "problems": exc.problems}, ensure_ascii=False)
                )
            else:
                for problem in exc.problems:
                    self.stderr.write(f"{problem['level']}: {problem['message']}")
            raise CommandError(str(exc.message)) from exc
        except ApplicationError as exc:
            details = "; ".join(m for msgs in exc.fields.values() for m in msgs)
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        cert = report.certificate
        if options["json"]:
            body = {
                "accepted": True,
                "created": report.created,
                "id": cert.pk,
                "number": cert.number,
                "declaration": cert.declaration.number if cert.declaration_id else None,
                "warnings": report.warnings,
                "mismatches": report.mismatches,
            }
            self.stdout.write(json.dumps(body, ensure_ascii=False))
            return
        state = "stored" if report.created else "already stored"
        linked = (
            f", linked to {cert.declaration.number}"
            if cert.declaration_id
            else ", not linked to a declaration"
        )
        self.stdout.write(f"certificate {cert.number} {state}{linked}")
        for problem in report.warnings:
            self.stdout.write(f"warning: {problem['message']}")
        for mismatch in report.mismatches:
            self.stdout.write(f"mismatch: {mismatch}")
