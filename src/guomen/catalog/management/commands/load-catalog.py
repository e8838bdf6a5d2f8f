from pathlib import Path

from django.core.management.base import BaseCommand

from guomen.catalog.loaders import load_catalog


class Command(BaseCommand):
    help = "Load HS 2022 (with national codes), commodity groups and countries. Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hs-csv", type=Path, help="HS 2022 CSV (default: data/hs/harmonized-system.csv)"
        )

    def handle(self, *args, **options):
        stats = load_catalog(hs_csv=options.get("hs_csv"))
        for line in stats.lines():
            self.stdout.write(line)
        self.stdout.write("catalogue up to date" if not stats.changed else "catalogue loaded")
