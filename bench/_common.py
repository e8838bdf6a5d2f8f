"""Helpers shared by the bench scripts: fresh databases under var/bench/ and the guomen command."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def guomen_command() -> list[str]:
    """The project's `guomen` entry point from the same environment as this interpreter."""
    script = Path(sys.executable).parent / "guomen"
    if script.exists():
        return [str(script)]
    found = shutil.which("guomen")
    return [found] if found else [sys.executable, "-m", "guomen.manage"]


def fresh_sqlite(name: str) -> str:
    """A database URL for a new, empty SQLite file var/bench/<name>.sqlite3 (old files removed)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def fresh_postgres(url: str) -> str:
    """Drop and create the database named in a postgres:// URL (on the server it points to)."""
    import psycopg

    base, _slash, dbname = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    return url


def guomen(database_url: str, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    """Run `guomen <args>` against a database; on failure show its output and stop."""
    env = {**os.environ, "GUOMEN_DATABASE_URL": database_url}
    done = subprocess.run([*guomen_command(), *args], env=env, cwd=ROOT, text=True, capture_output=capture)
    if done.returncode:
        if capture:
            sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"guomen {' '.join(args)} failed with exit status {done.returncode}")
    return done


def count_rows(database_url: str, table: str) -> int:
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def time_pages(name: str, build, pages, *, rounds: int = 30) -> None:
    """Seed a fresh SQLite database with `build(scale)` (a dict with a "supervisor"), then time each page of
    `pages(world)` as that supervisor: p50, p95 and the statements of one request."""
    import argparse
    import statistics
    import time

    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    url = fresh_sqlite(name)
    guomen(url, "migrate", "--noinput", "-v", "0")
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ["GUOMEN_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    world = build(args.scale)
    print(
        f"built at scale {args.scale} in {time.perf_counter() - started:.1f} s, load {os.getloadavg()[0]:.1f}"
    )
    client = Client()
    client.force_login(world["supervisor"])
    for label, path in pages(world):
        response = client.get(path)  # warm the templates and caches once
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - t) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        print(
            f"{label:<66} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  {len(queries)} queries"
        )
