"""The model registry: train a candidate on past results, register a file, promote, retire.

A model goes live only when an analyst promotes it; promotion first loads and checks the file, so a
damaged or mismatched file is refused with a clear message and the live model stays live.
NumPy, Polars and LightGBM are imported inside the functions that train or check a model, so that importing
this module (the API does) costs nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed
from guomen.core.permissions import require
from guomen.core.services import audit_record
from guomen.core.workflow import transition

from .. import features, runtime
from ..choices import MODEL_TRANSITIONS, ModelStatus
from ..models import RiskModel

if TYPE_CHECKING:
    import polars as pl

SNAPSHOT = ["name", "status", "file", "sha256", "train_from", "train_to", "rows", "positives"]


def _check(actor) -> None:
    if actor is not None:
        require(actor, "targeting.model")


def _day_epoch(day: dt.date, *, end: bool = False) -> float:
    moment = dt.datetime.combine(
        day + dt.timedelta(days=1) if end else day, dt.time(), tzinfo=timezone.get_current_timezone()
    )
    return moment.timestamp()


def training_frame(data: dict, *, train_from: dt.date, train_to: dt.date) -> pl.DataFrame:
    """Declarations submitted in the window whose result was confirmed by its end, with their features."""
    import polars as pl

    from .. import features_batch

    end = _day_epoch(train_to, end=True)
    window = (
        features_batch.outcome_events(data)
        .filter((pl.col("t") >= _day_epoch(train_from)) & (pl.col("t") < end) & (pl.col("t_outcome") < end))
        .drop("t_outcome", "nc")
    )
    return features_batch.feature_frame(data, window)


def _new_name(prefix: str = "m") -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name, n = f"{prefix}{stamp}", 1
    while RiskModel.objects.filter(name=name).exists():
        n += 1
        name = f"{prefix}{stamp}-{n}"
    return name


def model_train(
    *, train_from: dt.date, train_to: dt.date, actor, data: dict | None = None, progress=None, notes: str = ""
) -> RiskModel:
    """Train a candidate on the results of declarations submitted in the window (not promoted)."""
    from .. import features_batch, learner

    _check(actor)
    if train_to < train_from:
        raise ValidationFailed(fields={"train_to": [_("The window ends before it starts.")]})
    say = progress or (lambda pct, line: None)
    say(5, _("Reading the history."))
    data = data if data is not None else features_batch.load_history()
    frame = training_frame(data, train_from=train_from, train_to=train_to)
    say(30, _("%(n)d results in the window; training.") % {"n": frame.height})
    booster, meta = learner.fit(
        frame,
        label="label",
        time_col="t",
        features=features.FEATURES,
        categorical=features.CATEGORICAL,
        feature_set=features.FEATURE_SET,
        progress=say,
    )
    name = _new_name()
    path = runtime.model_dir() / f"{name}.txt"
    sha = learner.save(booster, meta, path)
    return _register(
        name=name,
        path=path,
        sha=sha,
        meta=meta,
        actor=actor,
        notes=notes,
        train_from=train_from,
        train_to=train_to,
        rows=frame.height,
        positives=int(frame["label"].sum()),
    )


@transaction.atomic
def _register(*, name, path: Path, sha, meta, actor, notes="", **window) -> RiskModel:
    row = RiskModel.objects.create(
        name=name,
        file=path.name if path.parent == runtime.model_dir() else str(path),
        sha256=sha,
        feature_set=meta.feature_set,
        metrics=meta.metrics,
        meta=meta.as_dict(),
        notes=notes,
        created_by=actor if getattr(actor, "pk", None) else None,
        **window,
    )
    audit_record(
        actor=actor, verb="targeting.model_registered", obj=row, after={"name": name, **meta.metrics}
    )
    return row


def model_register_file(*, source: Path, actor, notes: str = "") -> RiskModel:
    """Register a model file trained elsewhere (with its .json metadata beside it); checked before it is kept."""
    from .. import learner

    _check(actor)
    _booster, meta = learner.load(Path(source))
    if meta.feature_set != features.FEATURE_SET or meta.features != features.FEATURES:
        raise learner.ModelFileError(
            _("This model was trained on other features (%(set)s); Guomen's declarations use %(ours)s.")
            % {"set": meta.feature_set, "ours": features.FEATURE_SET},
            fields={"file": [_("Feature mismatch.")]},
        )
    name = _new_name("x")
    target = runtime.model_dir() / f"{name}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    shutil.copyfile(f"{source}.json", f"{target}.json")
    return _register(
        name=name, path=target, sha=learner.file_sha256(target), meta=meta, actor=actor, notes=notes
    )


@transaction.atomic
def model_promote(*, model: RiskModel, actor, reason: str = "") -> RiskModel:
    """Make `model` the live model (the one live before is retired). A file that fails its check is refused."""
    from .. import learner

    _check(actor)
    model = RiskModel.objects.select_for_update().get(pk=model.pk)
    try:
        runtime.load_model(model)
    except learner.ModelFileError as exc:
        audit_record(
            actor=actor,
            verb="targeting.model_refused",
            obj=model,
            reason=str(exc.message),
            after={"name": model.name},
        )
        raise
    for live in RiskModel.objects.select_for_update().filter(status=ModelStatus.LIVE).exclude(pk=model.pk):
        transition(
            live,
            to=ModelStatus.RETIRED,
            allowed=MODEL_TRANSITIONS,
            actor=actor,
            verb="targeting.model_retired",
            reason=_("Replaced by %(name)s.") % {"name": model.name},
        )
    transition(
        model,
        to=ModelStatus.LIVE,
        allowed=MODEL_TRANSITIONS,
        actor=actor,
        verb="targeting.model_promoted",
        reason=reason,
        extra_fields={"promoted_by_id": getattr(actor, "pk", None), "promoted_at": timezone.now()},
    )
    runtime.forget_models()
    return model


@transaction.atomic
def model_retire(*, model: RiskModel, actor, reason: str) -> RiskModel:
    """Take a model out of service; without a live model the rules decide alone."""
    _check(actor)
    if not (reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("Say why the model is retired.")]})
    model = RiskModel.objects.select_for_update().get(pk=model.pk)
    transition(
        model,
        to=ModelStatus.RETIRED,
        allowed=MODEL_TRANSITIONS,
        actor=actor,
        verb="targeting.model_retired",
        reason=reason.strip(),
    )
    runtime.forget_models()
    return model
