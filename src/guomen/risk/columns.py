"""The columns of the cluster and warning lists' Excel exports: what a user reads on the list's rows, headed by the
fields' own (translated) names, choices shown by their labels."""

from operator import attrgetter

from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

from guomen.core.filters import label_of

from . import choices as c
from .models import EarlyWarning, RiskCluster


def _col(model, name: str, read=None):
    """A column headed by the field's name, reading the field (or `read(row)`)."""
    return capfirst(model._meta.get_field(name).verbose_name), read or attrgetter(name)


def _choice(model, name: str, choices):
    label = label_of(choices)
    return _col(model, name, lambda r: label(getattr(r, name)))


C = RiskCluster
CLUSTERS = [
    _col(C, "hazard", attrgetter("hazard_name")),
    (pgettext_lazy("signal cluster", "Subject"), attrgetter("subject_name")),
    _choice(C, "dimension", c.ClusterDimension),
    _col(C, "signal_count"),
    _col(C, "first_seen"),
    _col(C, "last_seen"),
    _choice(C, "status", c.ClusterStatus),
    _col(C, "org", lambda r: r.org.name),
]

W = EarlyWarning
WARNINGS = [
    _col(W, "number"),
    _col(W, "title"),
    _choice(W, "status", c.WarningStatus),
    _choice(W, "classification", c.Classification),
    _choice(W, "risk_decision", c.RiskDecision),
    _col(W, "org", lambda r: r.org.name),
    _col(W, "follow_up_of", lambda r: r.follow_up_of.number if r.follow_up_of_id else ""),
]
