from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.core.audit import audit_seal_all
from guomen.core.checkpoints import AuditAnchorError


class Command(BaseCommand):
    help = "Seal the audit events recorded since the last seal and sign a checkpoint (the worker does this every minute)."

    def handle(self, *args, **options):
        try:
            written = audit_seal_all()
        except AuditAnchorError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("%(n)d checkpoint(s) written.") % {"n": written})
