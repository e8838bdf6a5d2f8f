"""Laboratory writes. Import from here: `from guomen.labs.services import sample_register`."""

from .results import result_enter, results_approve, results_return, results_submit
from .samples import (
    sample_custody,
    sample_receive_by_code,
    sample_register,
    sample_reject,
    turnaround_days,
)

__all__ = [
    "result_enter",
    "results_approve",
    "results_return",
    "results_submit",
    "sample_custody",
    "sample_receive_by_code",
    "sample_register",
    "sample_reject",
    "turnaround_days",
]
