from .access import AccessApplication
from .assistance import EnterpriseService, ServiceAttendance
from .credit import BlacklistEntry, CreditDowngrade, CreditEvent, RemovalPetition
from .spotcheck import InspectorConflict, SpotCheckItem, SpotCheckPlan, SpotCheckTask
from .standing import EnterpriseStanding, RecomputeRun, RuleSet, StandingChange

__all__ = [
    "AccessApplication",
    "BlacklistEntry",
    "CreditDowngrade",
    "CreditEvent",
    "EnterpriseService",
    "EnterpriseStanding",
    "InspectorConflict",
    "RecomputeRun",
    "RemovalPetition",
    "RuleSet",
    "ServiceAttendance",
    "SpotCheckItem",
    "SpotCheckPlan",
    "SpotCheckTask",
    "StandingChange",
]
