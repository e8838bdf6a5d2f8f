"""Run every bench and print a Markdown table of the figures (nothing is asserted).

uv run python bench/run_all.py [--postgres postgres://postgres@127.0.0.1:5432/guomen_bench]
"""

import argparse
import os
import platform

import api_intake
import seed_large


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", help="also time the large seed on this PostgreSQL URL (dropped first)")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args()

    rows = []
    for size in ("small", "large"):
        r = seed_large.run(size=size)
        rows.append((f"seed-demo --size {size} ({r['engine']})", f"{r['declarations']:,} declarations",
                     f"{r['seconds']:.1f} s", f"{r['declarations_per_s']:,.0f} declarations/s"))  # fmt: skip
    if options.postgres:
        r = seed_large.run(size="large", database_url=options.postgres)
        rows.append((f"seed-demo --size large ({r['engine']})", f"{r['declarations']:,} declarations",
                     f"{r['seconds']:.1f} s", f"{r['declarations_per_s']:,.0f} declarations/s"))  # fmt: skip
    r = api_intake.run(requests=options.requests, threads=options.threads)
    rows.append((f"POST /api/v1/declarations ({r['server']}, SQLite, {r['threads']} threads)",
                 f"{r['requests']} requests, {r['errors']} errors", f"p50 {r['p50_ms']:.0f} ms / p99 {r['p99_ms']:.0f} ms",
                 f"{r['requests_per_s']:.1f} requests/s"))  # fmt: skip

    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}\n")
    print("| benchmark | volume | time | rate |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
