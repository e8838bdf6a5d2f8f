"""The columns of the targeting lists' Excel exports: what a user reads on the list's rows, headed by the
fields' own (translated) names, choices shown by their labels."""

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from guomen.core.filters import choice_column, field_column

from . import choices as c
from .models import ControlMeasure, FrequencyLevel, RuleProfile

M = ControlMeasure
MEASURES = [
    choice_column(M, "scope", c.MeasureScope),
    (_("Measure target"), attrgetter("target_label")),
    choice_column(M, "status", c.MeasureStatus),
    field_column(M, "consignments"),
    field_column(M, "routed"),
    field_column(M, "conforming_streak"),
    field_column(M, "lift_after_conforming"),
    field_column(M, "starts_on"),
    field_column(M, "ends_on"),
    field_column(M, "reason"),
]

F = FrequencyLevel
LEVELS = [
    field_column(F, "origin", lambda r: r.origin.display_name),
    field_column(F, "commodity_group", lambda r: str(r.commodity_group)),
    field_column(F, "level"),
    field_column(F, "inspected"),
    field_column(F, "non_conforming"),
    field_column(F, "rate"),
    field_column(F, "group_rate"),
    field_column(F, "computed_on"),
]

R = RuleProfile
RULES = [
    field_column(R, "name"),
    choice_column(R, "channel", c.Channel),
    field_column(R, "percentage"),
    field_column(R, "hs_prefix"),
    field_column(R, "origin", lambda r: r.origin.display_name if r.origin_id else ""),
    field_column(R, "commodity_group", lambda r: str(r.commodity_group) if r.commodity_group_id else ""),
    field_column(R, "instruction"),
    field_column(R, "active"),
]
