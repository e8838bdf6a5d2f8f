import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Guomen with granian (WSGI) and collected static files."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, host, port, workers, **options):
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
        argv = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--static-path-route",
            "/static",
            "--static-path-mount",
            str(self._static_root()),
            "guomen.wsgi:application",
        ]
        os.execv(sys.executable, argv)

    @staticmethod
    def _static_root():
        from django.conf import settings

        return settings.STATIC_ROOT
