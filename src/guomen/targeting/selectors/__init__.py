"""Targeting reads. Import from here: the modules below are an internal split."""

from .measures import measure_get, measure_list, measures_for_declaration, open_measures_matching
from .rules import rule_get, rule_list

__all__ = [
    "measure_get",
    "measure_list",
    "measures_for_declaration",
    "open_measures_matching",
    "rule_get",
    "rule_list",
]
