from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guomen.certificates.models import ExportCertificate
from guomen.certificates.services import certificate_ephyto_bytes
from guomen.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Write the ePhyto (UN/CEFACT SPSCertificate XML) of an issued phytosanitary certificate to a file. "
        "Refuses, naming the missing data, when the record could not make a complete ePhyto."
    )

    def add_arguments(self, parser):
        parser.add_argument("number", help="certificate number, e.g. PCWJD202612060001")
        parser.add_argument("--out", required=True, help="the XML file to write")

    def handle(self, *args, **options):
        number = options["number"].strip().upper()
        cert = ExportCertificate.objects.filter(number=number).first()
        if cert is None:
            raise CommandError(f"no such certificate: {number}")
        try:
            data = certificate_ephyto_bytes(cert)
        except ApplicationError as exc:
            details = "; ".join(m for msgs in exc.fields.values() for m in msgs)
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        out = Path(options["out"])
        out.write_bytes(data)
        self.stdout.write(f"{cert.number} ({cert.get_status_display()}) → {out} ({len(data)} bytes)")
