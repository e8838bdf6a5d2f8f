from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.core.services import audit_verify


class Command(BaseCommand):
    help = "Check the whole audit hash chain and name the first broken link."

    def handle(self, *args, **options):
        checked, broken, what = audit_verify()
        if broken is not None:
            raise CommandError(
                _("Audit chain broken at event #%(id)s (%(verb)s %(obj)s, %(at)s): %(what)s does not match.")
                % {
                    "id": broken.pk,
                    "verb": broken.verb,
                    "obj": f"{broken.object_type}:{broken.object_id}",
                    "at": broken.at.isoformat(),
                    "what": what,
                }
            )
        if what == "head":
            raise CommandError(
                _("The newest event is missing: the chain head does not match the last event.")
            )
        self.stdout.write(_("Audit chain intact: %(n)d events checked.") % {"n": checked})
