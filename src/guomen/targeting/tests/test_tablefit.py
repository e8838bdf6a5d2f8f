"""`guomen risk fit` / `rank` on an external CSV table."""

import csv
import random

import pytest
from django.core.management import CommandError, call_command


def _rows(path) -> list[dict]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def table(tmp_path):
    rng = random.Random(1)
    path = tmp_path / "inspections.csv"
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["when", "shop", "kind", "past_fails", "found", "secret_outcome"])
        for i in range(600):
            kind = rng.choice(["bakery", "grill", "grocery"])
            past = rng.randint(0, 4)
            found = rng.random() < 0.05 + 0.12 * past + (0.2 if kind == "grill" else 0)
            writer.writerow(
                [f"2024-{1 + i // 60:02d}-{1 + i % 28:02d}", f"S{i}", kind, past, int(found), int(found)]
            )
    return path


def test_fit_then_rank_writes_id_and_score(table, tmp_path):
    model = tmp_path / "m.txt"
    call_command(
        "risk",
        "fit",
        "--csv",
        str(table),
        "--label",
        "found",
        "--time-col",
        "when",
        "--id-col",
        "shop",
        "--drop",
        "secret_outcome",
        "--model-out",
        str(model),
        verbosity=0,
    )
    assert model.is_file() and (tmp_path / "m.txt.json").is_file()
    out = tmp_path / "ranked.csv"
    call_command(
        "risk", "rank", "--model", str(model), "--csv", str(table), "--out", str(out), "--id-col", "shop"
    )
    rows = _rows(out)
    assert rows[0].keys() == {"id", "score"}
    assert len(rows) == 600 and rows[0]["id"] == "S0"
    by_id = {r["id"]: float(r["score"]) for r in rows}
    source = _rows(table)
    risky = [by_id[r["shop"]] for r in source if r["past_fails"] == "4" and r["kind"] == "grill"]
    safe = [by_id[r["shop"]] for r in source if r["past_fails"] == "0" and r["kind"] != "grill"]
    assert sum(risky) / len(risky) > sum(safe) / len(safe)


def test_rank_without_id_column_numbers_the_rows(table, tmp_path):
    model = tmp_path / "m.txt"
    call_command(
        "risk",
        "fit",
        "--csv",
        str(table),
        "--label",
        "found",
        "--time-col",
        "when",
        "--drop",
        "secret_outcome",
        "shop",
        "--model-out",
        str(model),
        verbosity=0,
    )
    out = tmp_path / "ranked.csv"
    call_command("risk", "rank", "--model", str(model), "--csv", str(table), "--out", str(out))
    assert [r["id"] for r in _rows(out)][:3] == ["1", "2", "3"]


def test_unknown_label_column_is_a_clear_error(table, tmp_path):
    with pytest.raises(CommandError, match="label"):
        call_command(
            "risk",
            "fit",
            "--csv",
            str(table),
            "--label",
            "nope",
            "--time-col",
            "when",
            "--model-out",
            str(tmp_path / "m.txt"),
        )


def test_corrupt_model_file_is_refused_by_rank(table, tmp_path):
    model = tmp_path / "m.txt"
    model.write_text("garbage")
    (tmp_path / "m.txt.json").write_text('{"features": ["kind"], "categorical": ["kind"]}')
    with pytest.raises(CommandError, match="m.txt"):
        call_command(
            "risk", "rank", "--model", str(model), "--csv", str(table), "--out", str(tmp_path / "o.csv")
        )


def test_rank_uses_the_id_column_named_at_fit(table, tmp_path):
    model = tmp_path / "m.txt"
    call_command(
        "risk",
        "fit",
        "--csv",
        str(table),
        "--label",
        "found",
        "--time-col",
        "when",
        "--id-col",
        "shop",
        "--drop",
        "secret_outcome",
        "--model-out",
        str(model),
        verbosity=0,
    )
    out = tmp_path / "ranked.csv"
    call_command("risk", "rank", "--model", str(model), "--csv", str(table), "--out", str(out))
    assert [r["id"] for r in _rows(out)][:2] == ["S0", "S1"]
