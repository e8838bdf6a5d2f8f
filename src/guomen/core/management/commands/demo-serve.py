import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

STOP_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = (
        "Run the demo: the web server (no DEBUG; static files served by the server) and the task worker, "
        "each in its own process group; Ctrl-C stops both cleanly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host, port, **options):
        manage = [sys.executable, "-m", "guomen.manage"]
        commands = [
            [*manage, "worker"],
            [*manage, "runserver", f"{host}:{port}", "--noreload", "--insecure"],
        ]
        # Own sessions: the terminal's Ctrl-C reaches this process only, which then stops the children once.
        children = [subprocess.Popen(cmd, start_new_session=True) for cmd in commands]
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
        self.stdout.write(_("Stopping the web server and the worker…"))
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        self.stdout.write(_("Stopped."))
