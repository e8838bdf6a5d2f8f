from django.db import models
from django.utils.translation import gettext_lazy as _

# The channel belongs to the declaration (Declaration.channel); targeting decides it.
from guomen.declarations.choices import CHANNEL_SHORT_LABELS as CHANNEL_SHORT_LABELS
from guomen.declarations.choices import CHANNEL_STRENGTH as CHANNEL_STRENGTH
from guomen.declarations.choices import INSPECTION_CHANNELS as INSPECTION_CHANNELS
from guomen.declarations.choices import Channel as Channel


class BacktestRules(models.TextChoices):
    """Which rule profiles a backtest replays."""

    HISTORY = "history", _("As they stood each day (audit trail)")
    CURRENT = "current", _("Today's rule profiles on past declarations")


def strongest(channels) -> str:
    """The strongest of some channels (release when there are none)."""
    return max(channels, key=lambda c: CHANNEL_STRENGTH[c], default=Channel.RELEASE)


class MeasureScope(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    PRODUCTION_BASE = "production_base", _("Production base")
    ORIGIN_COMMODITY = "origin_commodity", _("Origin × commodity")


class MeasureStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    LIFTED = "lifted", _("Lifted")


MEASURE_TRANSITIONS = {MeasureStatus.ACTIVE: {MeasureStatus.LIFTED}, MeasureStatus.LIFTED: set()}


class ModelStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    LIVE = "live", _("Live")
    RETIRED = "retired", _("Retired")
    REFUSED = "refused", _("Refused")


MODEL_TRANSITIONS = {
    ModelStatus.CANDIDATE: {ModelStatus.LIVE, ModelStatus.REFUSED, ModelStatus.RETIRED},
    ModelStatus.LIVE: {ModelStatus.RETIRED},
    ModelStatus.RETIRED: {ModelStatus.LIVE},
    ModelStatus.REFUSED: set(),
}

# Frequency levels: the physical-inspection share each level asks for (level 0 adds nothing).
LEVEL_RATES = (0.0, 0.10, 0.30, 0.50)
MAX_LEVEL = len(LEVEL_RATES) - 1

# The selection strategies a backtest compares (targeting.backtest), named here so pages can list them without
# importing the backtest's NumPy and Polars.
STRATEGIES = ("rules", "model", "combined", "random")
