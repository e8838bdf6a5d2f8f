"""Chicago food-inspection benchmark: `guomen risk fit` on the Train rows, `guomen risk rank` on the Test rows.

Prints AUC, "days earlier" and precision/recall at 10/20/50% against the published glmnet score, measured
the way ../shared/data/chicago/README.md describes. Run: uv run python bench/targeting_chicago.py
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, guomen_command

DATA = ROOT.parent / "shared" / "data" / "chicago" / "30_xgboost_data.csv"
LEAKS = ["criticalCount", "seriousCount", "minorCount", "pass_flag", "fail_flag", "score"]
IDS = ["License", "Business_ID", "Test", "Train"]


def days_earlier(test: pl.DataFrame, score: np.ndarray) -> float:
    dates = np.sort(test.get_column("date").to_numpy())
    order = np.argsort(-score, kind="stable")
    reassigned = np.empty_like(dates)
    reassigned[order] = dates
    actual = test.get_column("date").to_numpy()
    hit = test.get_column("criticalFound").to_numpy() == 1
    return float(((actual[hit] - reassigned[hit]) / np.timedelta64(1, "D")).mean())


def at_share(y: np.ndarray, score: np.ndarray, share: float) -> tuple[float, float]:
    k = int(round(len(y) * share))
    top = np.argsort(-score, kind="stable")[:k]
    return float(y[top].mean()), float(y[top].sum() / y.sum())


def report(name: str, test: pl.DataFrame, score: np.ndarray) -> None:
    y = test.get_column("criticalFound").to_numpy()
    parts = [
        f"{name:<22} AUC {roc_auc_score(y, score):.3f}",
        f"days earlier {days_earlier(test, score):5.2f}",
    ]
    for share in (0.1, 0.2, 0.5):
        p, r = at_share(y, score, share)
        parts.append(f"P/R@{share:.0%} {p:.3f}/{r:.3f}")
    print("  ".join(parts))


def main() -> None:
    frame = pl.read_csv(DATA, infer_schema_length=20000)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        train, test = tmp / "train.csv", tmp / "test.csv"
        frame.filter(pl.col("Train")).write_csv(train)
        frame.filter(pl.col("Test")).write_csv(test)
        started = time.perf_counter()
        subprocess.run([*guomen_command(), "risk", "fit", "--csv", str(train), "--label", "criticalFound",
                        "--time-col", "Inspection_Date", "--id-col", "Inspection_ID", "--drop", *LEAKS, *IDS,
                        "--model-out", str(tmp / "chicago.txt")], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
        fit_s = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([*guomen_command(), "risk", "rank", "--model", str(tmp / "chicago.txt"), "--csv", str(test),
                        "--id-col", "Inspection_ID", "--out", str(tmp / "ranked.csv")], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        rank_s = time.perf_counter() - started
        ranked = pl.read_csv(tmp / "ranked.csv", schema_overrides={"id": pl.Utf8})
    tests = frame.filter(pl.col("Test")).with_columns(
        date=pl.col("Inspection_Date").str.to_date(), key=pl.col("Inspection_ID").cast(pl.Utf8)
    )
    scored = tests.join(ranked, left_on="key", right_on="id", how="left", suffix="_guomen")
    print(f"Chicago benchmark: {frame.filter(pl.col('Train')).height} train rows, {tests.height} test rows; "
          f"fit {fit_s:.1f} s, rank {rank_s:.1f} s (command wall time)")  # fmt: skip
    report("published glmnet score", tests, tests.get_column("score").to_numpy())
    report("guomen risk fit/rank", scored, scored.get_column("score_guomen").to_numpy())


if __name__ == "__main__":
    main()
