"""Inspection writes. Import from here: the modules below are an internal split."""

from .photos import photo_conflict_message, photo_for_key, photo_prepare, photo_upload
from .rectifications import (
    followup_flag_overdue,
    rectification_answer,
    rectification_close,
    rectification_create,
    rectification_open_for_result,
    rectification_reopen,
)
from .results import MAX_FINDINGS
from .tasks import (
    ACTIVE_STATUSES,
    CHANNEL_PRIORITY,
    DECLARATION_STATUS_FOR,
    NOT_FOR_CONFORMING,
    already_recorded_message,
    inspection_disposition_confirm,
    inspection_result_record,
    inspection_send_back,
    inspection_task_cancel,
    inspection_task_open,
    inspection_task_start,
    inspection_treatment_complete,
)

__all__ = [
    "ACTIVE_STATUSES",
    "CHANNEL_PRIORITY",
    "DECLARATION_STATUS_FOR",
    "MAX_FINDINGS",
    "NOT_FOR_CONFORMING",
    "already_recorded_message",
    "followup_flag_overdue",
    "inspection_disposition_confirm",
    "inspection_result_record",
    "inspection_send_back",
    "inspection_task_cancel",
    "inspection_task_open",
    "inspection_task_start",
    "inspection_treatment_complete",
    "photo_conflict_message",
    "photo_for_key",
    "photo_prepare",
    "photo_upload",
    "rectification_answer",
    "rectification_close",
    "rectification_create",
    "rectification_open_for_result",
    "rectification_reopen",
]
