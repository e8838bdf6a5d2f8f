from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from guomen.core.models import AuditChainHead
from guomen.core.partitions import audit_partitioned, audit_partitions, audit_partitions_ensure


class Command(BaseCommand):
    help = (
        "PostgreSQL: create the audit log's range partitions ahead of the sealed positions and list them "
        "(the sealer also does this before each seal); nothing to do on SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ahead", type=int, default=1, help="partitions to keep beyond the sealed positions"
        )

    def handle(self, *args, ahead, **options):
        if not audit_partitioned():
            self.stdout.write(_("The audit log is not partitioned on this database: nothing to do."))
            return
        sealed = AuditChainHead.objects.filter(pk=1).values_list("count", flat=True).first() or 0
        created = audit_partitions_ensure(sealed, ahead=max(0, min(ahead, 100)))
        self.stdout.write(_("%(n)d partition(s) created.") % {"n": len(created)})
        for name, lower, upper in audit_partitions():
            if lower is None:
                self.stdout.write(f"{name}: " + _("events not sealed yet"))
            else:
                self.stdout.write(f"{name}: {lower:,}–{upper - 1:,}")
