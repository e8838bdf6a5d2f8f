"""Supervision writes. Each submodule is one area; import from here."""

from .access import (
    application_decide,
    application_submit,
    application_withdraw,
    base_registration_apply,
    base_status_change,
    enterprise_filing_change,
)
from .assignment import check_assign_inspectors, require_assigner
from .assistance import enterprise_service_record
from .credit import (
    blacklist_decide,
    blacklist_propose,
    credit_event_record,
    credit_event_withdraw,
    credit_rectification_restore,
    petition_decide,
    petition_submit,
)
from .downgrade import downgrade_decide
from .spotcheck import (
    check_mark_rectified,
    check_participants,
    check_publish,
    check_record,
    check_send_back,
    conflict_declare,
    plan_cancel,
    plan_close,
    plan_create,
    plan_draw,
)
from .standing import class_override, class_override_clear, recompute, ruleset_get, ruleset_save

__all__ = [
    "enterprise_service_record",
    "application_decide",
    "application_submit",
    "application_withdraw",
    "base_registration_apply",
    "base_status_change",
    "blacklist_decide",
    "blacklist_propose",
    "check_assign_inspectors",
    "check_mark_rectified",
    "check_participants",
    "check_publish",
    "check_record",
    "check_send_back",
    "class_override",
    "class_override_clear",
    "conflict_declare",
    "credit_event_record",
    "credit_rectification_restore",
    "credit_event_withdraw",
    "downgrade_decide",
    "enterprise_filing_change",
    "petition_decide",
    "petition_submit",
    "plan_cancel",
    "plan_close",
    "plan_create",
    "plan_draw",
    "recompute",
    "require_assigner",
    "ruleset_get",
    "ruleset_save",
]
