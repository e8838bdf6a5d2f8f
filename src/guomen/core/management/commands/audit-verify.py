from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guomen.core.audit import audit_verify


class Command(BaseCommand):
    help = (
        "Check the audit log against its signed checkpoints, from the last verified checkpoint on "
        "(--full: from the first event). Exits non-zero naming what was changed, deleted or replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="Walk the whole log, not only what is new.")

    def handle(self, *args, full=False, **options):
        result = audit_verify(full=full)
        if not result.intact:
            for problem in result.problems:
                self.stderr.write(problem.message)
            raise CommandError(
                _("The audit log is NOT intact: %(n)d problem(s) found.") % {"n": len(result.problems)}
            )
        if result.full or not result.start:
            text = _("Audit log intact: %(n)d sealed events checked from the first.") % {"n": result.checked}
        else:
            text = _(
                "Audit log intact: %(n)d sealed events checked after position %(start)d (last verified)."
            ) % {
                "n": result.checked,
                "start": result.start,
            }
        self.stdout.write(text)
        if result.unsealed:
            self.stdout.write(
                _(
                    "%(n)d newer events are not sealed yet (the worker seals every minute; or run guomen audit-seal)."
                )
                % {"n": result.unsealed}
            )
