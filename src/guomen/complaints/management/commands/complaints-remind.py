from django.core.management.base import BaseCommand

from guomen.complaints.services import complaint_send_reminders


class Command(BaseCommand):
    help = "Flag open complaints whose reply deadline is near (reminder) or past (overdue); run daily."

    def handle(self, *args, **options):
        counts = complaint_send_reminders()
        self.stdout.write(f"due soon: {counts['due_soon']}, overdue: {counts['overdue']}")
