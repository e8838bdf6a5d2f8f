from .batches import (
    batch_flags,
    batch_record,
    batches_reflag,
    declaration_batches_attach,
    intake_batches_attach,
)
from .inputs import input_record
from .loading import loading_record
from .sites import site_annual_review, site_apply, site_set_status

__all__ = [
    "batch_flags",
    "batch_record",
    "batches_reflag",
    "declaration_batches_attach",
    "input_record",
    "intake_batches_attach",
    "loading_record",
    "site_annual_review",
    "site_apply",
    "site_set_status",
]
