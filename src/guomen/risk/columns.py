"""The columns of the cluster and warning lists' Excel exports: what a user reads on the list's rows, headed by the
fields' own (translated) names, choices shown by their labels."""

from operator import attrgetter

from django.utils.translation import pgettext_lazy

from guomen.core.filters import choice_column, field_column

from . import choices as c
from .models import EarlyWarning, RiskCluster

C = RiskCluster
CLUSTERS = [
    field_column(C, "hazard", attrgetter("hazard_name")),
    (pgettext_lazy("signal cluster", "Subject"), attrgetter("subject_name")),
    choice_column(C, "dimension", c.ClusterDimension),
    field_column(C, "signal_count"),
    field_column(C, "first_seen"),
    field_column(C, "last_seen"),
    choice_column(C, "status", c.ClusterStatus),
    field_column(C, "org", lambda r: r.org.name),
]

W = EarlyWarning
WARNINGS = [
    field_column(W, "number"),
    field_column(W, "title"),
    choice_column(W, "status", c.WarningStatus),
    choice_column(W, "classification", c.Classification),
    choice_column(W, "risk_decision", c.RiskDecision),
    field_column(W, "org", lambda r: r.org.name),
    field_column(W, "follow_up_of", lambda r: r.follow_up_of.number if r.follow_up_of_id else ""),
]
