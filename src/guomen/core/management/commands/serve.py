import os
import subprocess
import sys

from django.core.management.base import BaseCommand

PRODUCTION_SETTINGS = "guomen.settings.prod"


class Command(BaseCommand):
    help = (
        "Serve Guomen with granian (WSGI) and collected static files, always with the production settings "
        "(no DEBUG; set GUOMEN_HTTPS=0 only for a trial over plain HTTP)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, host, port, workers, **options):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS}
        # collectstatic under the settings the server will run with.
        subprocess.run(
            [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
        )
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
        os.execve(sys.executable, argv, env)

    @staticmethod
    def _static_root():
        from django.conf import settings

        return settings.STATIC_ROOT
