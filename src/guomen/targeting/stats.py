"""Rebuilding the statistics the decision reads (OutcomeStat) from all confirmed results so far."""

import datetime as dt

import polars as pl
from django.db import transaction

from .features_batch import _keys, bands, load_history, outcome_events
from .models import OutcomeStat

BATCH = 5000


def _when(epoch: float | None):
    if epoch is None:
        return None
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)


def stat_rows(data: dict[str, pl.DataFrame]) -> list[OutcomeStat]:
    events = outcome_events(data)
    rows: list[OutcomeStat] = []
    for kind, pairs in _keys(data, events).items():
        agg = (
            pairs.join(events.select("id", "t_outcome", "nc"), on="id")
            .group_by("key")
            .agg(
                n=pl.len(),
                nc=pl.col("nc").sum(),
                last=pl.col("t_outcome").max(),
                last_nc=pl.col("t_outcome").filter(pl.col("nc") == 1).max(),
            )
        )
        for key, n, nc, last, last_nc in agg.iter_rows():
            rows.append(
                OutcomeStat(
                    kind=kind,
                    key=key,
                    inspected=n,
                    non_conforming=nc,
                    last_at=_when(last),
                    last_nc_at=_when(last_nc),
                )
            )
    for row in bands(data).iter_rows(named=True):
        rows.append(
            OutcomeStat(
                kind="hs",
                key=row["hs"],
                **{k: row[k] for k in ("value_median", "value_low", "value_high")},
                **{k: row[k] for k in ("weight_median", "weight_low", "weight_high")},
            )
        )
    return rows


@transaction.atomic
def stats_rebuild(data: dict[str, pl.DataFrame] | None = None) -> int:
    """Replace every statistics row by a fresh count of the history. Returns the number of rows."""
    rows = stat_rows(data if data is not None else load_history())
    OutcomeStat.objects.all().delete()
    OutcomeStat.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
