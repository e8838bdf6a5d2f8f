from .inbox import InboxMessage
from .rasff import CommodityMapping, ForeignNotification
from .signals import RiskCluster, RiskSignal
from .warnings import Assessment, EarlyWarning, Measure

__all__ = [
    "Assessment",
    "CommodityMapping",
    "EarlyWarning",
    "ForeignNotification",
    "InboxMessage",
    "Measure",
    "RiskCluster",
    "RiskSignal",
]
