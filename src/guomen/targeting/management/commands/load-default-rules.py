from django.core.management.base import BaseCommand

from guomen.targeting.services import rules_load_defaults


class Command(BaseCommand):
    help = "Load the default targeting rule table (idempotent: rules already present are kept as they are)."

    def handle(self, *args, **options):
        created, present = rules_load_defaults(actor=None)
        self.stdout.write(f"created {created} rule(s), {present} already present")
