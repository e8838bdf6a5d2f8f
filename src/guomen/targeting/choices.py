from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    RELEASE = "release", _("Release (green)")
    DOCUMENT = "document", _("Document check (yellow)")
    PHYSICAL = "physical", _("Physical inspection (red)")
    PHYSICAL_SAMPLING = "physical_sampling", _("Physical inspection + sampling (red)")


# Stronger channels sort later; a decision takes the strongest that applies.
CHANNEL_STRENGTH = {
    Channel.RELEASE: 0,
    Channel.DOCUMENT: 1,
    Channel.PHYSICAL: 2,
    Channel.PHYSICAL_SAMPLING: 3,
}
INSPECTION_CHANNELS = frozenset({Channel.DOCUMENT, Channel.PHYSICAL, Channel.PHYSICAL_SAMPLING})

# Short labels for badges and timeline entries ("布控：查验+抽样").
CHANNEL_SHORT_LABELS = {
    Channel.RELEASE: _("Release"),
    Channel.DOCUMENT: _("Document check"),
    Channel.PHYSICAL: _("Physical inspection"),
    Channel.PHYSICAL_SAMPLING: _("Inspection + sampling"),
}


def strongest(channels) -> str:
    """The strongest of some channels (release when there are none)."""
    return max(channels, key=lambda c: CHANNEL_STRENGTH[c], default=Channel.RELEASE)
