from .lab import (
    analyte_options,
    overdue,
    queue,
    receive,
    result_add,
    results_decide,
    results_submit_view,
    sample_export,
    sample_list,
    sample_reject_view,
)
from .sampling import custody, sample_detail, sample_label, sample_new, task_samples

__all__ = [
    "analyte_options",
    "custody",
    "overdue",
    "queue",
    "receive",
    "result_add",
    "results_decide",
    "results_submit_view",
    "sample_detail",
    "sample_export",
    "sample_label",
    "sample_list",
    "sample_new",
    "sample_reject_view",
    "task_samples",
]
