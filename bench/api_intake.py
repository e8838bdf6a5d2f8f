"""Declaration intake throughput over the API: POST /api/v1/declarations against a fresh small demo bureau.

Starts `guomen serve` (granian, 2 workers) or `guomen runserver` on 127.0.0.1 with a new SQLite database (or a
fresh PostgreSQL database with --database-url), seeds the small demo bureau, then fires a bounded number of
requests from 1, 4 … client threads (--clients) with the demo API key. Then it serves the stack's floor — an
empty django-ninja endpoint (bench/floor_app.py) under granian with the same options — drives it with the same
client and prints intake throughput as a share of the floor. Loopback only; stops the servers it started.

    uv run python bench/api_intake.py --clients 1,4 --requests 300
    uv run python bench/api_intake.py --clients 1,4 --database-url postgres://postgres@127.0.0.1:5432/guomen_bench
"""

import argparse
import datetime as dt
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

import httpx
from _common import BENCH_DIR, ROOT, fresh_postgres, fresh_sqlite, guomen, guomen_command

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def payload(summary: dict, n: int) -> dict:
    """A Thai durian consignment from a registered orchard and packhouse, arriving today at 文锦渡."""
    orchard = next(c for c in summary["production_bases"] if c.startswith("TH-GAP-03-"))
    packhouse = next(c for c in summary["production_bases"] if c.startswith("TH-DOA-PH-"))
    importer = summary["enterprises"][0]["uscc"]
    return {
        "direction": "import", "port": "WJD", "declarant_uscc": importer, "consignee_uscc": importer,
        "consignor_name": "Chanthaburi Fruit Packing Co., Ltd.", "origin_country": "TH", "transport": "truck",
        "arrival_date": dt.date.today().isoformat(),
        "lines": [{"hs_code": "0810600000", "description": "鲜榴莲", "quantity": 1200, "unit": "carton",
                   "net_weight_kg": 21600, "value": 69120, "currency": "USD",
                   "production_base_codes": [orchard, packhouse]}],
        "documents": [{"type": "phytosanitary_certificate", "number": f"TH-BENCH-{n:06d}"}],
    }  # fmt: skip


def start_server(url: str, port: int, server: str) -> subprocess.Popen:
    env = {**os.environ, "GUOMEN_DATABASE_URL": url, "GUOMEN_DEBUG": "0"}
    if server == "floor":
        env["PYTHONPATH"] = str(ROOT / "bench")
        argv = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "2",
            "floor_app:application",
        ]
        log = open(BENCH_DIR / "api-intake-floor.log", "w")  # noqa: SIM115 (closed with the process)
        return subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    if server == "serve":
        args = ["serve", "--host", HOST, "--port", str(port), "--workers", "2"]
    else:
        args = ["runserver", f"{HOST}:{port}", "--noreload"]
    log = open(BENCH_DIR / "api-intake-server.log", "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(
        [*guomen_command(), *args],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_up(base: str, proc: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early; see {BENCH_DIR / 'api-intake-server.log'}")
        try:
            httpx.get(f"{base}/api/v1/openapi.json", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer within {timeout:.0f} s")


def fire(
    base: str, key: str, summary: dict, requests: int, threads: int, time_limit: float, first: int = 0
) -> dict:
    latencies: list[float] = []
    timeline: list[tuple[int, float]] = []
    errors: list[str] = []
    counter = iter(range(first, first + requests))
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit

    def worker():
        with httpx.Client(base_url=base, headers={"X-API-Key": key}, timeout=30) as client:
            while time.monotonic() < deadline:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                started = time.perf_counter()
                try:
                    response = client.post("/api/v1/declarations", json=payload(summary, n))
                    ok = response.status_code == 201
                    detail = f"{response.status_code} {response.text[:200]}"
                except httpx.HTTPError as exc:
                    ok, detail = False, repr(exc)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    timeline.append((n, elapsed))
                    if not ok:
                        errors.append(detail)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "threads": threads,
        "seconds": wall,
        "requests_per_s": len(latencies) / wall if wall else 0.0,
        "p50_ms": 1000 * statistics.median(ordered) if ordered else 0.0,
        "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0,
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
        "slowest": sorted(timeline, key=lambda item: -item[1])[:6],
    }


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def prepare(database_url: str | None, *, reuse: bool = False) -> tuple[str, dict]:
    checkpoints = BENCH_DIR / "api-intake-checkpoints.jsonl"  # a fresh database gets a fresh checkpoint file
    # the seed writes the key; `guomen serve` (production settings) refuses to start without one
    key = BENCH_DIR / "api-intake-audit.key"
    os.environ["GUOMEN_AUDIT_CHECKPOINT_FILE"] = str(checkpoints)
    os.environ["GUOMEN_AUDIT_KEY_FILE"] = str(key)
    summary_path = BENCH_DIR / "api-intake-summary.json"
    if reuse:  # the database, key and summary of the previous run on the same engine
        url = database_url or f"sqlite:///{BENCH_DIR / 'api-intake.sqlite3'}"
        return url, json.loads(summary_path.read_text(encoding="utf-8"))
    url = fresh_postgres(database_url) if database_url else fresh_sqlite("api-intake")
    checkpoints.unlink(missing_ok=True)
    key.unlink(missing_ok=True)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    guomen(url, "migrate", "--noinput", "-v", "0")
    guomen(url, "seed-demo", "--size", "small", "--summary-json", str(summary_path), "-v", "0", capture=True)
    return url, json.loads(summary_path.read_text(encoding="utf-8"))


def serve_and_fire(url, summary, server, clients: list[int], requests: int, time_limit: float) -> list[dict]:
    port = free_port()
    base = f"http://{HOST}:{port}"
    proc = start_server(url, port, server)
    results = []
    try:
        wait_until_up(base, proc)
        fire(base, summary["api_key"], summary, 20, 1, time_limit, first=900_000)  # warm both workers' paths
        for i, threads in enumerate(clients):
            results.append(
                fire(base, summary["api_key"], summary, requests, threads, time_limit, first=i * 100_000)
            )
    finally:
        stop(proc)
    return results


def run(*, requests: int = 500, threads: int = 4, server: str = "serve", time_limit: float = 120) -> dict:
    """One intake run on SQLite (kept for bench/run_all.py)."""
    url, summary = prepare(None)
    (result,) = serve_and_fire(url, summary, server, [threads], requests, time_limit)
    return {"server": server, **result}


def line(label: str, r: dict) -> str:
    return (
        f"{label}: {r['threads']} client(s), {r['requests']} requests, {r['requests_per_s']:.1f} req/s, "
        f"p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, {r['errors']} errors"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300, help="POSTs per client count (default 300)")
    parser.add_argument("--clients", default="1,4", help="client thread counts to run, e.g. 1,4 (default)")
    parser.add_argument("--threads", type=int, help="a single client count (same as --clients N)")
    parser.add_argument("--server", choices=["serve", "runserver"], default="serve")
    parser.add_argument("--database-url", help="a postgres:// URL; the database is dropped and created")
    parser.add_argument("--no-floor", action="store_true", help="skip the empty-endpoint floor")
    parser.add_argument(
        "--reuse", action="store_true", help="run on the previous run's database (no seeding)"
    )
    parser.add_argument("--time-limit", type=float, default=60, help="stop each run after this many seconds")
    options = parser.parse_args()
    clients = (
        [options.threads] if options.threads else [int(c) for c in options.clients.split(",") if c.strip()]
    )
    clients = [max(1, min(c, 32)) for c in clients]
    requests, time_limit = min(options.requests, 20000), min(options.time_limit, 600)
    url, summary = prepare(options.database_url, reuse=options.reuse)
    engine = "PostgreSQL" if options.database_url else "SQLite"
    intake = serve_and_fire(url, summary, options.server, clients, requests, time_limit)
    floor = [] if options.no_floor else serve_and_fire(url, summary, "floor", clients, requests, time_limit)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
    for i, result in enumerate(intake):
        print(line(f"POST /api/v1/declarations via {options.server} on {engine}", result))
        if result["first_error"]:
            print(f"  first error: {result['first_error']}")
        if floor:
            print(line("  floor (empty django-ninja endpoint, same server and client)", floor[i]))
            print(f"  intake / floor = {result['requests_per_s'] / floor[i]['requests_per_s']:.1%}")


if __name__ == "__main__":
    main()
