"""Certification supervision writes, by responsibility: certificates, annual checks and mark-misuse cases
(`records`), and the CCC catalogue (`catalogue`). Callers import from `guomen.certification.services`."""

from .catalogue import CATALOGUE_FIELDS, catalogue_add, catalogue_edit, catalogue_retire
from .records import (
    RESULT_VALUES,
    certificate_register,
    certificate_set_status,
    check_cancel,
    check_close,
    check_plan,
    check_record,
    misuse_close,
    misuse_decide,
    misuse_open,
)

__all__ = [
    "CATALOGUE_FIELDS",
    "RESULT_VALUES",
    "catalogue_add",
    "catalogue_edit",
    "catalogue_retire",
    "certificate_register",
    "certificate_set_status",
    "check_cancel",
    "check_close",
    "check_plan",
    "check_record",
    "misuse_close",
    "misuse_decide",
    "misuse_open",
]
