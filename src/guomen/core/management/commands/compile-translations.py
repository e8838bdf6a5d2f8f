from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from guomen.core.i18n import compile_catalogues


class Command(BaseCommand):
    help = (
        "Compile every .po file under src/guomen into .mo (pure Python; no gettext tools needed). "
        "Start-up does the same for missing or outdated catalogues."
    )

    def handle(self, *args, **options):
        count = compile_catalogues(Path(settings.BASE_DIR))
        self.stdout.write(f"compiled {count} catalogue(s)")
