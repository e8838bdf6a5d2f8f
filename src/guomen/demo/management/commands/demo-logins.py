from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from guomen.demo.services import demo_logins

from ._logins import print_logins


class Command(BaseCommand):
    help = "Print the demo bureau's logins: usernames, passwords, roles and units."

    def handle(self, *args, **options):
        rows = demo_logins()
        if not rows:
            self.stdout.write(_("No demo bureau here yet: run “guomen seed-demo” first."))
            return
        print_logins(self.stdout, rows)
