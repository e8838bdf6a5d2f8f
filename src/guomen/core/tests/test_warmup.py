import os
import subprocess
import sys


def test_a_server_process_loads_every_view_and_the_api_before_its_first_request(tmp_path):
    """Importing the WSGI application (what `guomen serve` does in each worker) loads the URL configuration."""
    code = (
        "import sys, guomen.wsgi; "
        "print(all(m in sys.modules for m in ('guomen.api', 'guomen.reports.views', 'guomen.targeting.api')))"
    )
    env = {**os.environ, "GUOMEN_DATABASE_URL": f"sqlite:///{tmp_path / 'warm.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_a_failing_warmer_is_skipped_and_named(monkeypatch):
    from guomen.core import warmup

    ran = []

    def broken():
        raise RuntimeError("no database yet")

    def fine():
        ran.append("fine")

    monkeypatch.setattr(warmup, "_WARMERS", [broken, fine])
    assert warmup.warm_up() == [broken.__qualname__]
    assert ran == ["fine"]
