from .access import AccessApplication
from .credit import BlacklistEntry, CreditDowngrade, CreditEvent, RemovalPetition
from .spotcheck import InspectorConflict, SpotCheckItem, SpotCheckPlan, SpotCheckTask
from .standing import EnterpriseStanding, RecomputeRun, RuleSet, StandingChange

__all__ = [
    "AccessApplication",
    "BlacklistEntry",
    "CreditDowngrade",
    "CreditEvent",
    "EnterpriseStanding",
    "InspectorConflict",
    "RecomputeRun",
    "RemovalPetition",
    "RuleSet",
    "SpotCheckItem",
    "SpotCheckPlan",
    "SpotCheckTask",
    "StandingChange",
]
