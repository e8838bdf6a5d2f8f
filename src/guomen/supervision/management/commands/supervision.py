"""guomen supervision recompute | draw PLAN_ID [--seed N]"""

from django.core.management.base import BaseCommand, CommandError

from guomen.core.errors import ApplicationError


class Command(BaseCommand):
    help = "Enterprise supervision: recompute classes and credit grades; replay a spot-check draw."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("recompute", help="Recompute every enterprise's class and credit grade now.")
        verify = sub.add_parser(
            "verify-draw", help="Re-run a plan's recorded draw and compare the selection."
        )
        verify.add_argument("plan", type=int)

    def handle(self, *args, action, **options):
        from guomen.supervision import services

        try:
            if action == "recompute":
                run = services.recompute()
                self.stdout.write(
                    f"{run.enterprises} enterprises, {run.class_changes} class changes, "
                    f"{run.grade_changes} grade changes in {run.seconds:.2f} s"
                )
            else:
                from guomen.supervision.verify import verify_draw

                same, detail = verify_draw(options["plan"])
                self.stdout.write(detail)
                if not same:
                    raise CommandError(detail)
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
