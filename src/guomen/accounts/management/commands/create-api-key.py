from django.core.management.base import BaseCommand, CommandError

from guomen.accounts.services import api_key_create
from guomen.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Create an API key for a system client of a unit; prints the key alone on stdout."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--org", required=True, help="unit code, e.g. WJD")

    def handle(self, *args, name, org, **options):
        try:
            _key, raw = api_key_create(name=name, org_code=org)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(raw)
