"""Targeting tables: rule profiles, control measures, frequency levels, the model registry, decisions."""

from .decisions import OutcomeStat, PortCapacity, PortDayLoad, TargetingDecision, TargetingSettings
from .measures import ControlMeasure, MeasureHit
from .registry import FrequencyLevel, RiskModel
from .rules import RuleProfile, SimpleRule

__all__ = [
    "ControlMeasure",
    "FrequencyLevel",
    "MeasureHit",
    "OutcomeStat",
    "PortCapacity",
    "PortDayLoad",
    "RiskModel",
    "RuleProfile",
    "SimpleRule",
    "TargetingDecision",
    "TargetingSettings",
]
