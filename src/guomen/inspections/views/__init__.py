"""Inspection pages. urls.py names them from here; the modules below are an internal split."""

from .followup import (
    board,
    rectification_act,
    rectification_detail,
    rectification_export,
    rectification_file,
    rectification_new,
)
from .phone import (
    consignment_label,
    disposition_document,
    manifest,
    offline,
    photo,
    photo_upload,
    scan,
    service_worker,
)
from .tasks import (
    confirmations,
    finding_row,
    my_tasks,
    task_confirm,
    task_detail,
    task_export,
    task_result,
    task_send_back,
    task_start,
    treatment_complete,
)

__all__ = [
    "board",
    "confirmations",
    "consignment_label",
    "disposition_document",
    "finding_row",
    "manifest",
    "my_tasks",
    "offline",
    "photo",
    "photo_upload",
    "rectification_act",
    "rectification_detail",
    "rectification_export",
    "rectification_file",
    "rectification_new",
    "scan",
    "service_worker",
    "task_confirm",
    "task_detail",
    "task_export",
    "task_result",
    "task_send_back",
    "task_start",
    "treatment_complete",
]
