"""Reports read from a streaming replica (prints figures, asserts nothing).

Starts a private PostgreSQL primary and a streaming replica of it (pg_basebackup -R) under var/bench/, on two free
local ports, as the `postgres` system user; migrates and seeds the small demo bureau on the primary, waits until
the replica has replayed it, then opens the report pages (dashboard, KPIs, statistics, records) as the demo
leader with GUOMEN_REPLICA_URL pointing at the replica. For each page it prints the median time and how many
statements went to the replica and to the primary (writes — the session — must stay on the primary). Last it
stops the replica and opens the pages again: they must still answer 200, read from the primary, with a warning.
Stops both servers at the end (the data directories stay under var/bench/ until --clean).

    uv run python bench/replica_reports.py
    uv run python bench/replica_reports.py --clean     # remove the two data directories afterwards
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import BENCH_DIR, guomen

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), Path("/usr/bin"))
PAGES = ["/reports/", "/reports/kpis/", "/reports/statistics/", "/reports/records/"]
RUNS = 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*argv: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run a PostgreSQL program as the postgres system user (the server refuses to run as root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run([*prefix, *argv], capture_output=True, text=True)
    if check and done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}")
    return done


class Cluster:
    def __init__(self, name: str):
        self.dir = BENCH_DIR / f"pg-{name}"
        self.port = free_port()
        self.log = BENCH_DIR / f"pg-{name}.log"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/guomen"

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-l", str(self.log), "-w", "-o", opts, "start"
        )

    def stop(self) -> None:
        if (self.dir / "postmaster.pid").exists():
            as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-m", "fast", "-w", "stop", check=False)

    def sql(self, query: str) -> str:
        done = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-Atc", query, "postgres"],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()


def make_directory(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
        path.chmod(0o700)


def start_pair() -> tuple[Cluster, Cluster]:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(BENCH_DIR, "postgres", "postgres")  # the servers write their logs here
    primary, replica = Cluster("primary"), Cluster("replica")
    make_directory(primary.dir)
    as_postgres(
        str(PG_BIN / "initdb"), "-D", str(primary.dir), "-U", "postgres", "--auth=trust", "-E", "UTF8"
    )
    primary.start()  # initdb's pg_hba lets local replication connections in with trust
    primary.sql("CREATE DATABASE guomen")
    make_directory(replica.dir)
    as_postgres(
        str(PG_BIN / "pg_basebackup"),
        *("-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"),
        *("-D", str(replica.dir), "-R", "-X", "stream"),
    )
    replica.start()
    if replica.sql("SELECT pg_is_in_recovery()") != "t":
        raise SystemExit("the second server is not a replica")
    return primary, replica


def wait_for_replay(primary: Cluster, replica: Cluster, timeout: float = 120) -> float:
    target = primary.sql("SELECT pg_current_wal_lsn()")
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t":
            return time.perf_counter() - started
        time.sleep(0.2)
    raise SystemExit("the replica did not catch up within two minutes")


def open_pages(label: str, *, replica_up: bool) -> None:
    from contextlib import nullcontext

    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from guomen.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="leader_sz"))
    for page in PAGES:
        times, status = [], None
        for _i in range(RUNS + 1):
            replica_capture = CaptureQueriesContext(connections["replica"]) if replica_up else nullcontext([])
            with CaptureQueriesContext(connections["default"]) as on_primary, replica_capture as on_replica:
                started = time.perf_counter()
                status = client.get(page, HTTP_HOST="127.0.0.1").status_code
                times.append(time.perf_counter() - started)
        print(
            f"{label} {page}: HTTP {status}, median {1000 * statistics.median(times[1:]):.0f} ms, "
            f"statements on the replica {len(on_replica)}, on the primary {len(on_primary)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clean", action="store_true", help="remove the data directories at the end")
    options = parser.parse_args()
    primary, replica = start_pair()
    try:
        os.environ["GUOMEN_AUDIT_CHECKPOINT_FILE"] = str(BENCH_DIR / "replica-checkpoints.jsonl")
        Path(os.environ["GUOMEN_AUDIT_CHECKPOINT_FILE"]).unlink(missing_ok=True)
        started = time.perf_counter()
        guomen(primary.url, "migrate", "--noinput", "-v", "0")
        guomen(primary.url, "seed-demo", "--size", "small", "-v", "0", capture=True)
        print(f"primary on port {primary.port} migrated and seeded in {time.perf_counter() - started:.0f} s")
        print(f"replica on port {replica.port} replayed it {wait_for_replay(primary, replica):.1f} s later")

        os.environ["GUOMEN_DATABASE_URL"] = primary.url
        os.environ["GUOMEN_REPLICA_URL"] = replica.url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
        import django

        django.setup()
        open_pages("replica up", replica_up=True)
        replica.stop()
        open_pages("replica down (pages fall back to the primary)", replica_up=False)
    finally:
        replica.stop()
        primary.stop()
        if options.clean:
            shutil.rmtree(primary.dir, ignore_errors=True)
            shutil.rmtree(replica.dir, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
