"""Inspection reads. Import from here: the modules below are an internal split."""

from .dossier import recent_results, task_dossier
from .followup import (
    RectificationFilters,
    followup_board,
    rectification_file,
    rectification_get,
    rectification_list,
    rectification_rounds,
    scan_resolve,
    treatments_pending,
)
from .tasks import (
    LIST_RELATED,
    OPEN_STATUSES,
    TaskFilters,
    confirmations,
    hazard_choices,
    my_tasks,
    task_detail,
    task_requirements,
    task_timeline,
)

__all__ = [
    "RectificationFilters",
    "LIST_RELATED",
    "OPEN_STATUSES",
    "TaskFilters",
    "confirmations",
    "followup_board",
    "hazard_choices",
    "my_tasks",
    "recent_results",
    "rectification_file",
    "rectification_get",
    "rectification_list",
    "rectification_rounds",
    "scan_resolve",
    "task_detail",
    "task_dossier",
    "task_requirements",
    "task_timeline",
    "treatments_pending",
]
