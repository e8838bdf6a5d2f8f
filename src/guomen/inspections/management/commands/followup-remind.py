from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from guomen.inspections.services import followup_flag_overdue


class Command(BaseCommand):
    help = "Flag overdue rectification requests (a reminder on the follow-up board); run once a day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Hand the work to the task worker instead."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from guomen.inspections.tasks import followup_remind

            followup_remind.enqueue()
            self.stdout.write(_("Reminder task queued."))
            return
        self.stdout.write(
            _("%(n)d overdue rectification request(s) flagged.") % {"n": followup_flag_overdue()}
        )
