"""Targeting writes. Import from here: the modules below are an internal split."""

from .decisions import decide, decision_reroute, outcome_recorded
from .measures import (
    control_measure_create,
    control_measure_extend,
    control_measure_lift,
    measures_expire,
)
from .rules import RULE_FIELDS, rule_create, rule_deactivate, rule_update, rules_load_defaults

__all__ = [
    "RULE_FIELDS",
    "control_measure_create",
    "control_measure_extend",
    "control_measure_lift",
    "decide",
    "decision_reroute",
    "measures_expire",
    "outcome_recorded",
    "rule_create",
    "rule_deactivate",
    "rule_update",
    "rules_load_defaults",
]
