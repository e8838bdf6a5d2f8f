"""The learner behind every risk model: LightGBM on a table of past inspections, calibrated.

Used for Guomen's own declarations (features.py / features_batch.py) and for any external table
(`guomen risk fit`). Text columns become categorical codes (the vocabulary is kept with the model;
a code never seen in training scores as missing). The newest 20% of rows by time are held out: they
pick the number of trees, calibrate the probabilities (isotonic) and give the reported metrics; the
final model is refit on all rows with that number of trees.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import polars as pl
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed

if TYPE_CHECKING:
    import lightgbm as lgb

PARAMS = {
    "objective": "binary",
    "learning_rate": 0.08,
    "num_leaves": 31,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "cat_smooth": 20,
    "min_data_per_group": 50,
    "verbose": -1,
    "seed": 7,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,  # predictable on a busy server; a single decision is scored on one thread anyway
}
MAX_ROUNDS = 400
# Small tables (an external benchmark, a young bureau) overfit with the defaults: smaller, slower trees.
SMALL_ROWS = 200_000
SMALL_PARAMS = {"learning_rate": 0.02, "num_leaves": 7, "min_data_in_leaf": 50}
SMALL_MAX_ROUNDS = 2000
HOLDOUT = 0.2
QUANTILES = 101


def _lightgbm():
    """LightGBM is imported when a model is trained or loaded, not when Guomen starts."""
    return import_module("lightgbm")


class ModelFileError(ValidationFailed):
    code = "model_file_refused"


@dataclass
class ModelMeta:
    features: list[str]
    categorical: list[str]
    vocab: dict[str, dict[str, int]] = field(default_factory=dict)
    calibration_x: list[float] = field(default_factory=list)
    calibration_y: list[float] = field(default_factory=list)
    quantiles: list[float] = field(default_factory=list)
    rounds: int = 0
    base_rate: float = 0.0
    metrics: dict = field(default_factory=dict)
    feature_set: str = "table"
    label: str = ""
    time_col: str = ""
    id_col: str = ""  # the table's id column named at fit; `risk rank` uses it unless told otherwise

    def as_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict) -> ModelMeta:
        """The metadata a model was registered with; without its features it cannot score (refused by name)."""
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        missing = [name for name in ("features", "categorical") if not isinstance(known.get(name), list)]
        if missing:
            raise ModelFileError(
                _("The model's metadata lacks %(names)s; register the model again.")
                % {"names": ", ".join(missing)},
                fields={"file": [_("Metadata incomplete.")]},
            )
        return cls(**known)


def build_vocab(df: pl.DataFrame, categorical: list[str]) -> dict[str, dict[str, int]]:
    vocab = {}
    for name in categorical:
        values = df.get_column(name).cast(pl.Utf8).drop_nulls().unique().sort().to_list()
        vocab[name] = {v: i for i, v in enumerate(values)}
    return vocab


def encode(df: pl.DataFrame, meta: ModelMeta) -> np.ndarray:
    """The feature matrix (float64, NaN for missing and unseen codes) in the model's column order."""
    columns = []
    for name in meta.features:
        if name in meta.vocab:
            mapping = meta.vocab[name]
            col = (
                df.get_column(name)
                .cast(pl.Utf8)
                .replace_strict(mapping, default=None, return_dtype=pl.Float64)
            )
        else:
            col = df.get_column(name).cast(pl.Float64, strict=False)
        columns.append(col.fill_nan(None).to_numpy().astype(np.float64))
    if not columns:
        return np.zeros((df.height, 0))
    return np.column_stack(columns)


def encode_row(values: dict, meta: ModelMeta) -> tuple[np.ndarray, list[str]]:
    """One row's matrix, and the categorical features whose code the model never saw."""
    row = np.empty((1, len(meta.features)), dtype=np.float64)
    unseen = []
    for i, name in enumerate(meta.features):
        value = values.get(name)
        if name in meta.vocab:
            code = meta.vocab[name].get("" if value is None else str(value))
            if code is None and value not in (None, ""):
                unseen.append(name)
            row[0, i] = math.nan if code is None else code
        else:
            row[0, i] = math.nan if value is None else float(value)
    return row, unseen


def _calibration(raw: np.ndarray, y: np.ndarray) -> tuple[list[float], list[float]]:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(raw, y)
    return [float(v) for v in iso.X_thresholds_], [float(v) for v in iso.y_thresholds_]


def calibrate(raw: np.ndarray, meta: ModelMeta) -> np.ndarray:
    if not meta.calibration_x:
        return raw
    return np.interp(raw, meta.calibration_x, meta.calibration_y)


def _dataset(x, y, meta, reference=None):
    cats = [i for i, n in enumerate(meta.features) if n in meta.categorical]
    return _lightgbm().Dataset(
        x,
        label=y,
        feature_name=meta.features,
        categorical_feature=cats,
        reference=reference,
        free_raw_data=False,
    )


def ranking_metrics(y: np.ndarray, score: np.ndarray, share: float = 0.1) -> dict:
    from sklearn.metrics import roc_auc_score

    n = len(y)
    out = {"rows": int(n), "positives": int(y.sum()), "base_rate": float(y.mean()) if n else 0.0}
    if n and 0 < y.sum() < n:
        out["auc"] = float(roc_auc_score(y, score))
        k = max(1, int(round(n * share)))
        top = np.argsort(-score, kind="stable")[:k]
        out["hit_rate_at_share"] = float(y[top].mean())
        out["recall_at_share"] = float(y[top].sum() / y.sum())
        out["lift_at_share"] = out["hit_rate_at_share"] / out["base_rate"] if out["base_rate"] else 0.0
        out["share"] = share
    return out


def fit(
    df: pl.DataFrame,
    *,
    label: str,
    time_col: str,
    features: list[str],
    categorical: list[str],
    feature_set: str = "table",
    progress=None,
) -> tuple[lgb.Booster, ModelMeta]:
    """Train on `df` (sorted by `time_col` here), calibrate on the newest rows, refit on everything."""
    if df.height < 50:
        raise ValidationFailed(fields={"rows": [_("At least 50 rows are needed to train a model.")]})
    df = df.sort(time_col)
    y = df.get_column(label).cast(pl.Float64).to_numpy()
    if not 0 < y.sum() < len(y):
        raise ValidationFailed(fields={label: [_("The label needs both outcomes (0 and 1) in the data.")]})
    meta = ModelMeta(
        features=list(features),
        categorical=[c for c in categorical if c in features],
        feature_set=feature_set,
        label=label,
        time_col=time_col,
    )
    meta.vocab = build_vocab(df, meta.categorical)
    x = encode(df, meta)
    small = len(y) < SMALL_ROWS
    params = {**PARAMS, **SMALL_PARAMS} if small else PARAMS
    max_rounds = SMALL_MAX_ROUNDS if small else MAX_ROUNDS
    cut = int(len(y) * (1 - HOLDOUT))
    train = _dataset(x[:cut], y[:cut], meta)
    valid = _dataset(x[cut:], y[cut:], meta, reference=train)
    booster = _lightgbm().train(
        params,
        train,
        num_boost_round=max_rounds,
        valid_sets=[valid],
        callbacks=[_lightgbm().early_stopping(30, verbose=False)],
    )
    rounds = max(booster.best_iteration or max_rounds, 20)
    if progress:
        progress(60, _("Held-out check done: %(n)d trees.") % {"n": rounds})
    raw_valid = booster.predict(x[cut:], num_iteration=rounds)
    meta.calibration_x, meta.calibration_y = _calibration(raw_valid, y[cut:])
    calibrated = calibrate(raw_valid, meta)
    meta.metrics = ranking_metrics(y[cut:], raw_valid)
    meta.metrics["brier"] = float(np.mean((calibrated - y[cut:]) ** 2))
    meta.quantiles = [float(v) for v in np.quantile(calibrated, np.linspace(0, 1, QUANTILES))]
    meta.rounds = rounds
    meta.base_rate = float(y.mean())
    final = _lightgbm().train(params, _dataset(x, y, meta), num_boost_round=rounds)
    if progress:
        progress(90, _("Final model refit on all %(n)d rows.") % {"n": len(y)})
    return final, meta


def threshold_for_share(meta: ModelMeta, share: float) -> float:
    """The calibrated score above which about `share` of declarations fall (from the held-out scores)."""
    if not meta.quantiles or share <= 0:
        return math.inf
    if share >= 1:
        return -math.inf
    grid = np.linspace(0, 1, len(meta.quantiles))
    return float(np.interp(1.0 - share, grid, meta.quantiles))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save(booster: lgb.Booster, meta: ModelMeta, path: Path) -> str:
    """Write the model (LightGBM text) and its metadata beside it (<path>.json). Returns the checksum."""
    path.parent.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(path))
    Path(f"{path}.json").write_text(json.dumps(meta.as_dict(), ensure_ascii=False), encoding="utf-8")
    return file_sha256(path)


def load(path: Path, meta: ModelMeta | None = None, sha256: str = "") -> tuple[lgb.Booster, ModelMeta]:
    """Load and check a model file; refuse a missing, damaged or mismatched one with a clear message."""
    shown = path.name
    if not path.is_file():
        raise ModelFileError(
            _("Model file %(f)s does not exist.") % {"f": shown}, fields={"file": [_("Missing.")]}
        )
    if sha256 and file_sha256(path) != sha256:
        raise ModelFileError(
            _("Model file %(f)s has changed since it was registered (checksum differs); it is refused.")
            % {"f": shown},
            fields={"file": [_("Checksum differs.")]},
        )
    if meta is None:
        side = Path(f"{path}.json")
        try:
            meta = ModelMeta.from_dict(json.loads(side.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:
            raise ModelFileError(
                _("The metadata file beside %(f)s is missing or unreadable.") % {"f": shown},
                fields={"file": [str(exc)[:200]]},
            ) from exc
    try:
        booster = _lightgbm().Booster(model_file=str(path))
    except (_lightgbm().basic.LightGBMError, OSError, ValueError) as exc:
        raise ModelFileError(
            _("Model file %(f)s is not a readable LightGBM model; it is refused.") % {"f": shown},
            fields={"file": [str(exc).splitlines()[0][:200] if str(exc) else _("Unreadable.")]},
        ) from exc
    if booster.feature_name() != list(meta.features):
        raise ModelFileError(
            _("Model file %(f)s expects other features than its metadata describes; it is refused.")
            % {"f": shown},
            fields={"file": [_("Feature mismatch.")]},
        )
    return booster, meta
