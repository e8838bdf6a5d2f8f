"""`guomen risk fit` / `guomen risk rank`: the same learner on any table of past inspections (CSV)."""

import csv
from pathlib import Path

import numpy as np
import polars as pl
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed

from . import learner

TRUE = {"1", "1.0", "true", "t", "yes", "y"}


def _read(path: Path) -> pl.DataFrame:
    try:
        return pl.read_csv(path, infer_schema_length=20000, null_values=["", "NA", "NaN", "nan", "null"])
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise ValidationFailed(
            fields={"csv": [_("Cannot read %(f)s: %(e)s") % {"f": path.name, "e": exc}]}
        ) from exc


def _require(df: pl.DataFrame, names: list[str], field: str) -> None:
    missing = [n for n in names if n and n not in df.columns]
    if missing:
        raise ValidationFailed(
            fields={field: [_("No column named %(c)s in the file.") % {"c": ", ".join(missing)}]}
        )


def _label(series: pl.Series) -> pl.Series:
    text = series.cast(pl.Utf8).str.to_lowercase().str.strip_chars()
    return text.is_in(list(TRUE)).cast(pl.Int64)


def _time(series: pl.Series) -> pl.Series:
    if series.dtype.is_numeric():
        return series.cast(pl.Float64)
    parsed = series.cast(pl.Utf8).str.to_datetime(strict=False, time_unit="us")
    if parsed.null_count() > series.null_count():
        raise ValidationFailed(fields={"time_col": [_("Some values of the time column are not dates.")]})
    return parsed.dt.epoch("s").cast(pl.Float64)


def _prepare(df: pl.DataFrame, features: list[str]) -> tuple[pl.DataFrame, list[str]]:
    """Booleans become 0/1; text columns are categorical."""
    categorical = []
    for name in features:
        dtype = df.schema[name]
        if dtype == pl.Boolean:
            df = df.with_columns(pl.col(name).cast(pl.Float64))
        elif dtype == pl.Utf8:
            categorical.append(name)
    return df, categorical


def fit_csv(
    *, csv_path: Path, label: str, time_col: str, model_out: Path, id_col: str = "", drop: list[str] = ()
) -> dict:
    """Train on the whole file; write the model and its metadata (<model_out>.json). Returns held-out metrics."""
    df = _read(csv_path)
    _require(df, [label], "label")
    _require(df, [time_col], "time_col")
    _require(df, [id_col], "id_col")
    _require(df, list(drop), "drop")
    skip = {label, time_col, id_col, *drop}
    features = [c for c in df.columns if c not in skip]
    if not features:
        raise ValidationFailed(fields={"drop": [_("No columns are left to learn from.")]})
    df = df.with_columns(
        _label(df.get_column(label)).alias(label), _time(df.get_column(time_col)).alias(time_col)
    )
    df, categorical = _prepare(df, features)
    booster, meta = learner.fit(
        df, label=label, time_col=time_col, features=features, categorical=categorical
    )
    meta.feature_set = "table"
    meta.id_col = id_col
    learner.save(booster, meta, Path(model_out))
    return {**meta.metrics, "features": len(features), "categorical": categorical, "trees": meta.rounds}


def rank_csv(*, model_path: Path, csv_path: Path, out_path: Path, id_col: str = "") -> int:
    """Write `id,score` for every row (higher = inspect first). Returns the number of rows. The id column is the
    one given, else the one named when the model was fitted, else the row number."""
    booster, meta = learner.load(Path(model_path))
    id_col = id_col or meta.id_col
    df = _read(csv_path)
    _require(df, meta.features, "csv")
    _require(df, [id_col], "id_col")
    df, _categorical = _prepare(df, meta.features)
    score = learner.calibrate(booster.predict(learner.encode(df, meta), num_threads=1), meta)
    raw = booster.predict(learner.encode(df, meta), num_threads=1)
    ids = (
        df.get_column(id_col).cast(pl.Utf8).to_list() if id_col else [str(i) for i in range(1, df.height + 1)]
    )
    # calibrated scores tie where the isotonic steps are flat; the raw score breaks the ties
    order_score = score + raw * 1e-9
    with open(out_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "score"])
        for row_id, value in zip(ids, np.asarray(order_score), strict=True):
            writer.writerow([row_id, f"{value:.9f}"])
    return df.height
