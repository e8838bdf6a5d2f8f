"""`guomen risk ...`: the targeting engine's model lab from the command line (same services as the UI)."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guomen.core.errors import ApplicationError
from guomen.targeting import tablefit
from guomen.targeting.backtest import run_backtest
from guomen.targeting.choices import STRATEGIES
from guomen.targeting.models import RiskModel
from guomen.targeting.services.daily import daily_run
from guomen.targeting.services.models import model_promote, model_register_file, model_train
from guomen.targeting.stats import stats_rebuild


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from exc


class Command(BaseCommand):
    help = "Risk targeting: backtest, train, promote, daily run, and fit/rank on external CSV tables."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("backtest", help="replay history and compare rules, model, combined and random")
        p.add_argument("--from", dest="date_from", required=True)
        p.add_argument("--to", dest="date_to", required=True)
        p.add_argument("--capacity", type=float, default=0.1)
        p.add_argument("--train-days", type=int, default=365)
        p.add_argument("--model", default="", help="a registered model's version (default: train one)")
        p.add_argument(
            "--rules",
            choices=["history", "current"],
            default="history",
            help="rule profiles as they stood each day (audit trail) or today's on every day",
        )
        p.add_argument("--json", action="store_true", help="print the result as JSON")
        p = sub.add_parser("train", help="train a candidate model on the declarations of a window")
        p.add_argument("--from", dest="date_from", required=True)
        p.add_argument("--to", dest="date_to", required=True)
        p.add_argument("--promote", action="store_true", help="promote it at once")
        p = sub.add_parser("promote", help="make a registered model live")
        p.add_argument("name")
        p = sub.add_parser("register", help="register a model file trained elsewhere")
        p.add_argument("file")
        sub.add_parser("stats", help="rebuild the statistics the decisions read")
        sub.add_parser("daily", help="the daily run: measures, statistics, levels, port shares")
        p = sub.add_parser("fit", help="train on any CSV table of past inspections")
        p.add_argument("--csv", required=True)
        p.add_argument("--label", required=True)
        p.add_argument("--time-col", required=True)
        p.add_argument("--id-col", default="")
        p.add_argument("--drop", nargs="*", default=[])
        p.add_argument("--model-out", required=True)
        p = sub.add_parser("rank", help="score a CSV table: writes id,score (higher = inspect first)")
        p.add_argument("--model", required=True)
        p.add_argument("--csv", required=True)
        p.add_argument("--out", required=True)
        p.add_argument(
            "--id-col", default="", help="id column (default: the one named at fit, else row numbers)"
        )

    def handle(self, *args, action, **opts):
        self.verbosity = opts.get("verbosity", 1)
        try:
            getattr(self, f"do_{action}")(**opts)
        except ApplicationError as exc:
            detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            raise CommandError(f"{exc.message} {detail}".strip()) from exc

    def _progress(self, percent, line=""):
        if self.verbosity > 0 and line:
            self.stderr.write(f"[{int(percent):3d}%] {line}")

    def do_backtest(self, *, date_from, date_to, capacity, train_days, model, rules, json: bool, **_):
        row = RiskModel.objects.filter(name=model).first() if model else None
        if model and row is None:
            raise CommandError(f"no model named {model}")
        result = run_backtest(
            date_from=_date(date_from),
            date_to=_date(date_to),
            capacity=capacity,
            train_days=train_days,
            model=row,
            progress=self._progress,
            rules=rules,
        )
        if json:
            self.stdout.write(_json(result))
            return
        self.stdout.write(
            f"{result['declarations']} declarations with results, {result['non_conforming']} non-conforming; "
            f"share {capacity:.0%}; model {result['model']}; AUC {result['auc'] or 0:.3f}; rules: {rules}"
        )
        self.stdout.write(
            f"{'strategy':<10}{'inspected':>10}{'found':>8}{'hit rate':>10}{'recall':>9}{'× random':>10}"
        )
        for name in STRATEGIES:
            s = result["strategies"][name]
            lift = f"{s['lift']:.2f}" if s["lift"] else "-"
            self.stdout.write(
                f"{name:<10}{s['inspected']:>10}{s['found']:>8}{s['hit_rate']:>10.3f}{s['recall']:>9.3f}{lift:>10}"
            )

    def do_train(self, *, date_from, date_to, promote, **_):
        model = model_train(
            train_from=_date(date_from), train_to=_date(date_to), actor=None, progress=self._progress
        )
        self.stdout.write(f"model {model.name}: {model.rows} rows, AUC {model.metrics.get('auc', 0):.3f}")
        if promote:
            model_promote(model=model, actor=None, reason="guomen risk train --promote")
            self.stdout.write(f"model {model.name} is live")

    def do_promote(self, *, name, **_):
        row = RiskModel.objects.filter(name=name).first()
        if row is None:
            raise CommandError(f"no model named {name}")
        model_promote(model=row, actor=None, reason="guomen risk promote")
        self.stdout.write(f"model {name} is live")

    def do_register(self, *, file, **_):
        model = model_register_file(source=Path(file), actor=None)
        self.stdout.write(f"registered {model.name} (candidate)")

    def do_stats(self, **_):
        self.stdout.write(f"{stats_rebuild()} statistics rows")

    def do_daily(self, **_):
        self.stdout.write(_json(daily_run()))

    def do_fit(self, *, csv, label, time_col, id_col, drop, model_out, **_):
        metrics = tablefit.fit_csv(
            csv_path=Path(csv),
            label=label,
            time_col=time_col,
            id_col=id_col,
            drop=list(drop),
            model_out=Path(model_out),
        )
        self.stdout.write(_json(metrics))

    def do_rank(self, *, model, csv, out, id_col, **_):
        n = tablefit.rank_csv(model_path=Path(model), csv_path=Path(csv), out_path=Path(out), id_col=id_col)
        self.stdout.write(f"{n} rows ranked → {out}")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)
