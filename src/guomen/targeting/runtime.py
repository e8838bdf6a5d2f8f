"""The live model in memory: found by one query, loaded once per process and version, scored per row."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import RiskModel

if TYPE_CHECKING:
    import lightgbm as lgb

    from . import learner


def _learner():
    """The model code and its NumPy/Polars/LightGBM, imported on first use (server workers warm it at start),
    so commands and the URL configuration start without them."""
    from . import learner

    return learner


_CACHE: dict[int, LoadedModel] = {}
_LOCK = threading.Lock()
TOP_CONTRIBUTIONS = 4


def model_dir() -> Path:
    return Path(getattr(settings, "TARGETING_MODEL_DIR", settings.VAR_DIR / "models"))


def model_path(row: RiskModel) -> Path:
    path = Path(row.file)
    return path if path.is_absolute() else model_dir() / path


@dataclass
class Score:
    probability: float
    raw: float
    contributions: list[dict]
    unseen: list[str]


@dataclass
class LoadedModel:
    row: RiskModel
    booster: lgb.Booster
    meta: learner.ModelMeta

    def score(self, values: dict) -> Score:
        import numpy as np

        learner = _learner()
        x, unseen = learner.encode_row(values, self.meta)
        contrib = self.booster.predict(x, pred_contrib=True, num_threads=1)[0]
        raw_margin = float(contrib.sum())
        raw = 1.0 / (1.0 + math.exp(-raw_margin))
        probability = float(learner.calibrate(np.array([raw]), self.meta)[0])
        order = np.argsort(-np.abs(contrib[:-1]))[:TOP_CONTRIBUTIONS]
        top = [
            {
                "feature": self.meta.features[i],
                "value": _plain(values.get(self.meta.features[i])),
                "contribution": round(float(contrib[i]), 4),
            }
            for i in order
            if abs(contrib[i]) > 1e-6
        ]
        return Score(probability=probability, raw=raw, contributions=top, unseen=unseen)


def _plain(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def load_model(row: RiskModel) -> LoadedModel:
    """Check and load a registered model (raises learner.ModelFileError with a clear message)."""
    learner = _learner()
    booster, meta = learner.load(model_path(row), learner.ModelMeta.from_dict(row.meta), row.sha256)
    return LoadedModel(row=row, booster=booster, meta=meta)


class ModelUnavailable(Exception):
    pass


def live_model(row: RiskModel | None = None) -> LoadedModel | None:
    """The promoted model (given, or from the snapshot), or None. Raises ModelUnavailable if its file is unusable."""
    if row is None:
        from .snapshot import snapshot

        row = snapshot().live
    if row is None:
        return None
    cached = _CACHE.get(row.pk)
    if cached is not None and cached.row.sha256 == row.sha256:
        return cached
    with _LOCK:
        try:
            loaded = load_model(row)
        except _learner().ModelFileError as exc:
            raise ModelUnavailable(str(exc.message)) from exc
        _CACHE.clear()
        _CACHE[row.pk] = loaded
    return loaded


def forget_models() -> None:
    _CACHE.clear()


def warm() -> None:
    """Server start (core.warmup): load the live model now, and with it LightGBM (about 2 s to import)."""
    from .snapshot import snapshot

    _learner()._lightgbm()
    live_model(snapshot().live)


NO_MODEL = _("No live risk model: the rules decided.")
