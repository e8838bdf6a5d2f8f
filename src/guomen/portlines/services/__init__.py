"""Writes of the port lines of work. Every write checks the role and the jurisdiction (the enterprise's
supervising unit is the actor's or one below it), validates before saving and appends an audit event; a status
changes only through the record's transitions table (`status_set`, one service for every record)."""

from .agencies import agency_apply, agency_register, agency_review
from .expiry import expire_due
from .hygiene import monitoring_close, monitoring_record
from .packaging import maker_register, performance_record
from .records import (
    consignee_apply,
    consignee_register,
    consignee_review,
    finding_decide,
    finding_open,
    licence_grade,
    licence_issue,
    status_set,
    use_record,
)

__all__ = [
    "agency_apply",
    "agency_register",
    "agency_review",
    "consignee_apply",
    "consignee_register",
    "consignee_review",
    "expire_due",
    "finding_decide",
    "finding_open",
    "licence_grade",
    "licence_issue",
    "maker_register",
    "monitoring_close",
    "monitoring_record",
    "performance_record",
    "status_set",
    "use_record",
]
