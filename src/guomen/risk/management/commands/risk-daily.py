from django.core.management.base import BaseCommand

from guomen.risk.measures import consumer_warnings_expire


class Command(BaseCommand):
    help = "Daily risk housekeeping: withdraw consumer warnings whose period has ended. Safe to re-run."

    def handle(self, *args, **options):
        self.stdout.write(f"{consumer_warnings_expire()} consumer warnings withdrawn")
