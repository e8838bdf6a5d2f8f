"""Targeting reads. Import from here: the modules below are an internal split."""

from .lab import (
    LevelFilters,
    capacity_list,
    decision_get,
    job_get,
    job_list,
    level_list,
    model_get,
    model_list,
)
from .measures import (
    MeasureFilters,
    measure_get,
    measure_list,
    measures_for_declaration,
    open_measures_matching,
)
from .rules import RuleFilters, rule_get, rule_list

__all__ = [
    "LevelFilters",
    "MeasureFilters",
    "RuleFilters",
    "capacity_list",
    "decision_get",
    "job_get",
    "job_list",
    "level_list",
    "model_get",
    "model_list",
    "measure_get",
    "measure_list",
    "measures_for_declaration",
    "open_measures_matching",
    "rule_get",
    "rule_list",
]
