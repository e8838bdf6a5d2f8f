"""guomen campaign-report CAMPAIGN --format pdf|docx|md [--output PATH]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guomen.campaigns.models import Campaign
from guomen.campaigns.report import RENDERERS, campaign_report


class Command(BaseCommand):
    help = "Write a campaign's summary report in Chinese; every figure is computed from the records."

    def add_arguments(self, parser):
        parser.add_argument("campaign", help="campaign code")
        parser.add_argument("--format", dest="fmt", choices=sorted(RENDERERS), default="md")
        parser.add_argument(
            "--output", "-o", help="file to write (default: CODE.FORMAT in this directory; - for stdout)"
        )

    def handle(self, *args, campaign, fmt, output=None, **options):
        found = Campaign.objects.select_related("org").filter(code=campaign).first()
        if found is None:
            raise CommandError(f"No campaign with code {campaign!r}.")
        data = campaign_report(found, fmt)
        if output == "-":
            self.stdout.buffer.write(data) if hasattr(self.stdout, "buffer") else self.stdout.write(
                data.decode()
            )
            return
        path = Path(output or f"{found.code}.{fmt}")
        path.write_bytes(data)
        self.stdout.write(str(path))
