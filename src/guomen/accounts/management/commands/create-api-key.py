from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.accounts.services import api_key_create
from guomen.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Create an API key for a system client of a unit (or of an enterprise, with --enterprise); "
        "prints the key alone on stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--org", required=True, help="unit code, e.g. WJD")
        parser.add_argument(
            "--enterprise",
            default="",
            help="USCC of the enterprise the client belongs to: it then reads only that enterprise's "
            "declarations and never the bureau's targeting",
        )

    def handle(self, *args, name, org, enterprise, **options):
        from guomen.registry.models import Enterprise

        owner = None
        if enterprise:
            owner = Enterprise.objects.filter(uscc=enterprise.strip().upper()).first()
            if owner is None:
                raise CommandError(_("No enterprise has the USCC %(uscc)s.") % {"uscc": enterprise})
        try:
            _key, raw = api_key_create(name=name, org_code=org, enterprise=owner)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(raw)
