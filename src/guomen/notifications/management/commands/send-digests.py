from django.core.management.base import BaseCommand

from guomen.notifications.mail import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each user one digest of the notifications waiting for the daily digest (idempotent: "
        "a second run sends nothing new). The worker runs it daily (`guomen schedule list`)."
    )

    def handle(self, *args, **options):
        result = send_digests()
        self.stdout.write(
            f"mails: {result['mails']}, notifications: {result['notifications']}, "
            f"dropped (inactive or no e-mail): {result['skipped']}"
        )
