"""Clearance writes: the one flow that carries a declaration from intake to the goods leaving.

Only this package calls across declarations, targeting, inspections, labs and risk.
"""

from .labs import clearance_lab_approve
from .overrides import override_grant, override_refuse, override_request
from .routing import clearance_cancel, clearance_reroute
from .submit import clearance_submit
from .sync import clearance_sync_results
from .tasks import (
    DECLARATION_STATUS_FOR,
    clearance_confirm,
    clearance_record_result,
    clearance_send_back,
    clearance_treatment_done,
    release_check,
)

__all__ = [
    "DECLARATION_STATUS_FOR",
    "clearance_cancel",
    "clearance_confirm",
    "clearance_lab_approve",
    "clearance_record_result",
    "clearance_reroute",
    "clearance_send_back",
    "clearance_submit",
    "clearance_sync_results",
    "clearance_treatment_done",
    "override_grant",
    "override_refuse",
    "override_request",
    "release_check",
]
