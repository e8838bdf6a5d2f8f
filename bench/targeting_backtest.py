"""Targeted vs random hit rate on the large demo data (`guomen risk backtest`, 10% inspection share).

Uses var/bench/targeting-large.sqlite3 (see bench/targeting_decide.py, which prepares it).
Run: uv run python bench/targeting_backtest.py [--days 90] [--capacity 0.1]
"""

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, guomen

URL = f"sqlite:///{BENCH_DIR / 'targeting-large.sqlite3'}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--capacity", type=float, default=0.1)
    args = parser.parse_args()
    end = dt.date.today() - dt.timedelta(days=8)
    start = end - dt.timedelta(days=args.days)
    started = time.perf_counter()
    done = guomen(URL, "risk", "-v0", "backtest", "--from", str(start), "--to", str(end),
                  "--capacity", str(args.capacity), "--json", capture=True)  # fmt: skip
    seconds = time.perf_counter() - started
    result = json.loads(done.stdout)
    print(f"backtest {start} – {end} at {args.capacity:.0%}: {result['declarations']} declarations with results, "
          f"{result['non_conforming']} non-conforming; model {result['model']}; AUC {result['auc']:.3f}; {seconds:.0f} s")  # fmt: skip
    for name, s in result["strategies"].items():
        lift = f"{s['lift']:.2f}×" if s["lift"] else "-"
        print(f"  {name:<9} inspected {s['inspected']:>6}  found {s['found']:>5}  hit rate {s['hit_rate']:.3f}  "
              f"recall {s['recall']:.3f}  {lift} random")  # fmt: skip


if __name__ == "__main__":
    main()
