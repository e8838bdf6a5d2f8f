"""The columns of the targeting lists' Excel exports: what a user reads on the list's rows, headed by the
fields' own (translated) names, choices shown by their labels."""

from operator import attrgetter

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from guomen.core.filters import label_of

from . import choices as c
from .models import ControlMeasure, FrequencyLevel, RuleProfile


def _col(model, name: str, read=None):
    """A column headed by the field's name, reading the field (or `read(row)`)."""
    return capfirst(model._meta.get_field(name).verbose_name), read or attrgetter(name)


def _choice(model, name: str, choices):
    label = label_of(choices)
    return _col(model, name, lambda r: label(getattr(r, name)))


M = ControlMeasure
MEASURES = [
    _choice(M, "scope", c.MeasureScope),
    (_("Measure target"), attrgetter("target_label")),
    _choice(M, "status", c.MeasureStatus),
    _col(M, "consignments"),
    _col(M, "routed"),
    _col(M, "conforming_streak"),
    _col(M, "lift_after_conforming"),
    _col(M, "starts_on"),
    _col(M, "ends_on"),
    _col(M, "reason"),
]

F = FrequencyLevel
LEVELS = [
    _col(F, "origin", lambda r: r.origin.display_name),
    _col(F, "commodity_group", lambda r: str(r.commodity_group)),
    _col(F, "level"),
    _col(F, "inspected"),
    _col(F, "non_conforming"),
    _col(F, "rate"),
    _col(F, "group_rate"),
    _col(F, "computed_on"),
]

R = RuleProfile
RULES = [
    _col(R, "name"),
    _choice(R, "channel", c.Channel),
    _col(R, "percentage"),
    _col(R, "hs_prefix"),
    _col(R, "origin", lambda r: r.origin.display_name if r.origin_id else ""),
    _col(R, "commodity_group", lambda r: str(r.commodity_group) if r.commodity_group_id else ""),
    _col(R, "instruction"),
    _col(R, "active"),
]
