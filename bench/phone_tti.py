"""Time to interactive of the dossier page on a throttled phone, in headless Chromium.

Serves the large demo (var/bench/large.sqlite3, or --database-url) with `guomen serve`, signs in as
inspector_wjd on a 390×844 phone context, then opens today's open task pages under a slow mobile
profile (CDP Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up;
Emulation.setCPUThrottlingRate 4×). For each page: domInteractive and DOMContentLoaded from the
Navigation Timing entry, for the first and the second open of each page (static files are already
in the cache from signing in, as on a phone in daily use; the page itself comes from the server).

    uv run python bench/phone_tti.py --pages 10
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, ROOT, guomen_command

HOST = "127.0.0.1"
CHROMIUM = os.environ.get("GUOMEN_CHROMIUM", "/usr/bin/chromium")
PROFILE = {"latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "GUOMEN_DATABASE_URL": url, "GUOMEN_DEBUG": "0", "GUOMEN_ALLOWED_HOSTS": "*"}
    log = open(BENCH_DIR / "phone-tti-server.log", "w")  # noqa: SIM115 (closed with the process)
    args = ["serve", "--host", HOST, "--port", str(port), "--workers", "2"]
    proc = subprocess.Popen(
        [*guomen_command(), *args],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(240):
        try:
            if httpx.get(f"http://{HOST}:{port}/accounts/login/", timeout=2).status_code < 500:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGTERM)
    sys.exit("The server did not start; see var/bench/phone-tti-server.log")


def open_tasks(url: str, limit: int) -> list[int]:
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from guomen.accounts.models import User
    from guomen.inspections.selectors import my_tasks

    return [t.pk for t in my_tasks(User.objects.get(username="inspector_wjd"))[:limit]]


def timing(page) -> tuple[float, float]:
    entry = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
    import json

    nav = json.loads(entry)
    return nav["domInteractive"], nav["domContentLoadedEventEnd"]


def throttle(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **PROFILE})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def measure(base: str, task_ids: list[int]) -> dict:
    from playwright.sync_api import sync_playwright

    results = {"first open": [], "second open": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for pk in task_ids:
            context = browser.new_context(
                viewport={"width": 390, "height": 844},
                is_mobile=True,
                has_touch=True,
                locale="zh-CN",
                base_url=base,
            )
            page = context.new_page()
            page.goto("/accounts/login/")
            page.fill("input[name=username]", "inspector_wjd")
            page.fill("input[name=password]", "guomen-demo")
            with page.expect_navigation():
                page.click("main button[type=submit]")
            page.goto("/inspections/offline/")  # a page outside the measurement registers the worker
            page.wait_for_function("document.documentElement.dataset.gmSw === 'ready'", timeout=30_000)
            throttle(page)
            for label in ("first open", "second open"):
                page.goto(f"/inspections/tasks/{pk}/", wait_until="load")
                results[label].append(timing(page))
            context.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'large.sqlite3'}")
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    task_ids = open_tasks(args.database_url, args.pages)
    if not task_ids:
        sys.exit("inspector_wjd has no open task in this database")
    port = free_port()
    server = start_server(args.database_url, port)
    try:
        results = measure(f"http://{HOST}:{port}", task_ids)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(
        f"profile: {PROFILE['latency']} ms RTT, {PROFILE['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, "
        f"CPU ×{CPU_SLOWDOWN}; {len(task_ids)} dossier pages"
    )
    for label, rows in results.items():
        interactive = sorted(r[0] for r in rows)
        loaded = sorted(r[1] for r in rows)
        p95 = interactive[max(0, int(len(interactive) * 0.95) - 1)]
        print(
            f"{label}: time to interactive p50 {statistics.median(interactive):.0f} ms, p95 {p95:.0f} ms, "
            f"max {interactive[-1]:.0f} ms; DOMContentLoaded p50 {statistics.median(loaded):.0f} ms"
        )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
