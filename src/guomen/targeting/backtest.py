"""Replaying history: at a given inspection share, which strategy finds the non-conforming consignments?

For every declaration in the period that has a confirmed result (in submission order, day by day, each
day keeping `capacity` of its own volume), four strategies pick what to inspect:
  rules     the rule profiles as they stood on each day, rebuilt from the audit trail (rule_history.py),
            or with rules="current" today's profiles on every day, to see what a rule set would have
            found (stronger channel first, ties in random order),
  model     the risk score (a model trained only on results confirmed before the period starts,
            unless a registered model is named),
  combined  what the engine does: declarations the rules send to physical inspection first, by score,
            then the rest by score,
  random    a random order (the honest baseline).
Features are computed as of each declaration's submission, so nothing from its future leaks in.
"""

import datetime as dt
import math

import numpy as np
import polars as pl
from django.utils.translation import gettext as _

from guomen.accounts.models import OrgUnit
from guomen.core.errors import ValidationFailed

from . import features, features_batch, learner, rule_history, runtime
from .choices import CHANNEL_STRENGTH, BacktestRules, Channel
from .draws import draw
from .models import RuleProfile
from .services.models import _day_epoch, training_frame

PHYSICAL_STRENGTH = CHANNEL_STRENGTH[Channel.PHYSICAL]


def _ids_where(frame: pl.DataFrame, mask: pl.Expr) -> pl.Series:
    return frame.filter(mask).get_column("id").unique()


def rule_strength(data: dict, test: pl.DataFrame, rules) -> np.ndarray:
    """The strongest channel these rule profiles give each test declaration (percentages drawn)."""
    lines = data["lines"].join(test.select("id"), on="id").join(data["groups"], on="hs", how="left")
    band = features_batch.bands(data)
    lines = lines.join(band, on="hs", how="left").with_columns(vpk=pl.col("value") / pl.col("weight"))
    value_odd = _ids_where(
        lines, (pl.col("weight") > 0) & ~pl.col("vpk").is_between("value_low", "value_high")
    )
    weight_odd = _ids_where(
        lines, (pl.col("weight") > 0) & ~pl.col("weight").is_between("weight_low", "weight_high")
    )
    bases = data["bases"].join(test.select("id"), on="id")
    strength = np.zeros(test.height, dtype=np.int64)
    numbers = test.get_column("number").to_list()
    for rule in rules:
        mask = pl.lit(True)
        if rule.hs_prefix:
            mask &= pl.col("id").is_in(
                _ids_where(lines, pl.col("hs").str.starts_with(rule.hs_prefix)).implode()
            )
        if rule.commodity_group_id:
            mask &= pl.col("id").is_in(
                _ids_where(lines, pl.col("group") == rule.commodity_group_id).implode()
            )
        if rule.production_base_id:
            mask &= pl.col("id").is_in(
                _ids_where(bases, pl.col("base_id") == rule.production_base_id).implode()
            )
        for column, value in (
            ("origin", rule.origin_id),
            ("direction", rule.direction),
            ("transport", rule.transport),
            ("declarant_id", rule.declarant_id),
            ("consignee_id", rule.consignee_id),
        ):
            if value:
                mask &= pl.col(column) == value
        if rule.credit_grades:
            mask &= pl.col("grade").is_in(rule.credit_grades)
        if rule.enterprise_classes:
            mask &= pl.col("klass_code").is_in(rule.enterprise_classes)
        if rule.port_id:
            ports = list(OrgUnit.objects.filter(path__startswith=rule.port.path).values_list("pk", flat=True))
            mask &= pl.col("port_id").is_in(ports)
        if rule.unit_value_anomaly:
            mask &= pl.col("id").is_in(value_odd.implode())
        if rule.weight_anomaly:
            mask &= pl.col("id").is_in(weight_odd.implode())
        if rule.valid_from:
            mask &= pl.col("day") >= rule.valid_from.toordinal()
        if rule.valid_to:
            mask &= pl.col("day") <= rule.valid_to.toordinal()
        hit = test.select(mask.alias("m")).get_column("m").fill_null(False).to_numpy()
        if rule.percentage < 100:
            rate = rule.percentage / 100.0
            hit &= np.array([draw(n, f"rule:{rule.pk}") < rate for n in numbers])
        strength = np.where(hit, np.maximum(strength, CHANNEL_STRENGTH[rule.channel]), strength)
    return strength


def historical_rule_strength(
    data: dict,
    frame: pl.DataFrame,
    date_from: dt.date,
    date_to: dt.date,
    *,
    rules: str = BacktestRules.HISTORY,
) -> np.ndarray:
    """rule_strength with, for each day, the rule profiles in force that day (or today's, every day)."""
    if rules == BacktestRules.CURRENT:
        return rule_strength(
            data, frame, list(RuleProfile.objects.filter(active=True).select_related("port"))
        )
    strength = np.zeros(frame.height, dtype=np.int64)
    day = frame.get_column("day").to_numpy()
    for rule_set in rule_history.rule_sets(date_from, date_to):
        rows = (day >= rule_set.start.toordinal()) & (day <= rule_set.end.toordinal())
        if rows.any() and rule_set.rules:
            strength[rows] = rule_strength(data, frame.filter(pl.Series(rows)), rule_set.rules)
    return strength


def _select(day: np.ndarray, order_key: np.ndarray, capacity: float) -> np.ndarray:
    """Within each day, its share of declarations with the smallest key.

    Each day's quota is the rounding of the running total, so days of a few declarations still add up to
    `capacity` over the period.
    """
    frame = pl.DataFrame({"day": day, "key": order_key, "row": np.arange(len(day))})
    days = frame.group_by("day").len().sort("day").with_columns(cum=pl.col("len").cum_sum())
    days = days.with_columns(
        k=(pl.col("cum") * capacity).round().cast(pl.Int64)
        - ((pl.col("cum") - pl.col("len")) * capacity).round().cast(pl.Int64)
    )
    ranked = frame.with_columns(rank=pl.col("key").rank("ordinal").over("day")).join(
        days.select("day", "k"), on="day"
    )
    chosen = np.zeros(len(day), dtype=bool)
    rows = ranked.filter(pl.col("rank") <= pl.col("k")).get_column("row").to_numpy()
    chosen[rows] = True
    return chosen


def _summary(chosen: np.ndarray, y: np.ndarray) -> dict:
    picked = int(chosen.sum())
    hits = int(y[chosen].sum())
    total = int(y.sum())
    return {
        "inspected": picked,
        "found": hits,
        "hit_rate": hits / picked if picked else 0.0,
        "recall": hits / total if total else 0.0,
    }


def run_backtest(
    *,
    date_from: dt.date,
    date_to: dt.date,
    capacity: float,
    train_days: int = 365,
    model=None,
    progress=None,
    data: dict | None = None,
    rules: str = BacktestRules.HISTORY,
) -> dict:
    """Replay the period and compare the strategies (a JSON-ready dict; see the module docstring)."""
    errors = {}
    if date_to < date_from:
        errors["date_to"] = [_("The period ends before it starts.")]
    if not 0 < capacity < 1:
        errors["capacity"] = [_("The inspection share is a number between 0 and 1, e.g. 0.1.")]
    if rules not in BacktestRules.values:
        errors["rules"] = [_("Choose the rules as they stood each day or today's rules.")]
    if errors:
        raise ValidationFailed(fields=errors)
    say = progress or (lambda pct, line: None)
    say(5, _("Reading the history."))
    data = data if data is not None else features_batch.load_history()
    start, end = _day_epoch(date_from), _day_epoch(date_to, end=True)
    events = features_batch.outcome_events(data)
    test = events.filter((pl.col("t") >= start) & (pl.col("t") < end)).drop("t_outcome", "nc")
    if test.height == 0:
        raise ValidationFailed(fields={"date_from": [_("No confirmed results in this period.")]})
    frame = features_batch.feature_frame(data, test).sort("t")
    say(25, _("%(n)d declarations with results in the period.") % {"n": frame.height})
    if model is not None:
        loaded = runtime.load_model(model)
        booster, meta, model_name = loaded.booster, loaded.meta, model.name
    else:
        train_from = date_from - dt.timedelta(days=train_days)
        train = training_frame(data, train_from=train_from, train_to=date_from - dt.timedelta(days=1))
        booster, meta = learner.fit(
            train, label="label", time_col="t", features=features.FEATURES, categorical=features.CATEGORICAL
        )
        model_name = _("trained on %(a)s – %(b)s") % {"a": train_from, "b": date_from - dt.timedelta(days=1)}
    say(70, _("Scoring and replaying day by day."))
    score = learner.calibrate(booster.predict(learner.encode(frame, meta), num_threads=1), meta)
    y = frame.get_column("label").to_numpy()
    day = frame.get_column("day").to_numpy()
    numbers = frame.get_column("number").to_list()
    noise = np.array([draw(n, "backtest") for n in numbers])
    strength = historical_rule_strength(data, frame, date_from, date_to, rules=rules)
    keys = {
        "rules": -strength + noise * 0.5,
        "model": -score,
        "combined": np.where(strength >= PHYSICAL_STRENGTH, -2.0, 0.0) - score,
        "random": noise,
    }
    chosen = {name: _select(day, key, capacity) for name, key in keys.items()}
    result = {
        "date_from": date_from.isoformat(),
        "date_to": date_to.isoformat(),
        "capacity": capacity,
        "declarations": int(frame.height),
        "non_conforming": int(y.sum()),
        "model": str(model_name),
        "rules": rules,
        "auc": learner.ranking_metrics(y, score).get("auc"),
        "strategies": {name: _summary(mask, y) for name, mask in chosen.items()},
        "weeks": _weekly(day, y, chosen),
    }
    random_rate = result["strategies"]["random"]["hit_rate"]
    for summary in result["strategies"].values():
        summary["lift"] = summary["hit_rate"] / random_rate if random_rate else None
    say(100, _("Backtest finished."))
    return result


def _weekly(day: np.ndarray, y: np.ndarray, chosen: dict[str, np.ndarray]) -> dict:
    week = (day - day.min()) // 7
    labels, series = [], {name: [] for name in chosen}
    for w in np.unique(week):
        rows = week == w
        labels.append(dt.date.fromordinal(int(day[rows].min())).isoformat())
        for name, mask in chosen.items():
            picked = rows & mask
            rate = y[picked].mean() if picked.any() else math.nan
            series[name].append(None if math.isnan(rate) else round(float(rate), 4))
    return {"labels": labels, "series": series}
