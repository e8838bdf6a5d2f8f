"""Declaration intake throughput over the API: POST /api/v1/declarations against a fresh small demo bureau.

Starts `guomen serve` (granian) or `guomen runserver` on 127.0.0.1 with a new SQLite database, seeds the
small demo bureau, then fires a bounded number of requests from a few client threads with the demo API
key. Prints requests/s, p50, p99 and the error count. Loopback only; stops the server it started.

    uv run python bench/api_intake.py --requests 500 --threads 4
"""

import argparse
import datetime as dt
import json
import os
import signal
import socket
import statistics
import subprocess
import threading
import time

import httpx
from _common import BENCH_DIR, ROOT, fresh_sqlite, guomen, guomen_command

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


def wait_until_up(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early; see {BENCH_DIR / 'api-intake-server.log'}")
        try:
            httpx.get(f"{base}/api/v1/openapi.json", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("server did not answer within a minute")


def fire(base: str, key: str, summary: dict, requests: int, threads: int, time_limit: float) -> dict:
    latencies: list[float] = []
    timeline: list[tuple[int, float]] = []
    errors: list[str] = []
    counter = iter(range(requests))
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


def run(*, requests: int = 500, threads: int = 4, server: str = "serve", time_limit: float = 120) -> dict:
    url = fresh_sqlite("api-intake")
    summary_path = BENCH_DIR / "api-intake-summary.json"
    guomen(url, "migrate", "--noinput", "-v", "0")
    guomen(url, "seed-demo", "--size", "small", "--summary-json", str(summary_path), "-v", "0", capture=True)
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    port = free_port()
    base = f"http://{HOST}:{port}"
    proc = start_server(url, port, server)
    try:
        wait_until_up(base, proc)
        result = fire(base, summary["api_key"], summary, requests, threads, time_limit)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    return {"server": server, **result}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=500, help="how many POSTs in all (default 500)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent client threads (default 4)")
    parser.add_argument("--server", choices=["serve", "runserver"], default="serve")
    parser.add_argument("--time-limit", type=float, default=120, help="stop sending after this many seconds")
    options = parser.parse_args()
    result = run(requests=min(options.requests, 20000), threads=max(1, min(options.threads, 32)),
                 server=options.server, time_limit=min(options.time_limit, 600))  # fmt: skip
    print(
        f"POST /api/v1/declarations via {result['server']}: {result['requests']} requests, "
        f"{result['threads']} threads, {result['requests_per_s']:.1f} req/s, p50 {result['p50_ms']:.0f} ms, "
        f"p99 {result['p99_ms']:.0f} ms, {result['errors']} errors"
    )
    slowest = ", ".join(f"#{n} {1000 * seconds:.0f} ms" for n, seconds in result["slowest"])
    print(f"slowest requests (by order sent): {slowest}")
    if result["first_error"]:
        print(f"first error: {result['first_error']}")


if __name__ == "__main__":
    main()
