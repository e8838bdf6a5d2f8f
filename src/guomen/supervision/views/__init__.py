"""Supervision pages. Each module is one area; urls.py imports from here."""

from .assign import check_assign
from .assistance import service_list
from .checks import check_detail, check_publish, check_rectified, check_send_back, my_checks
from .credit import credit_explained, my_credit
from .dossier import (
    blacklist_propose,
    conflict_declare,
    credit_evidence_file,
    credit_record,
    credit_withdraw,
    enterprise_detail,
    enterprise_list,
    filing_action,
    my_enterprise,
    override,
    override_clear,
)
from .lists import (
    application_decide,
    application_export,
    application_list,
    application_new,
    blacklist_decide,
    blacklist_export,
    blacklist_list,
    downgrade_decide,
    petition_decide,
    petition_submit,
)
from .plans import plan_detail, plan_draw, plan_list, plan_new, rules_page

__all__ = [
    "service_list",
    "credit_explained",
    "my_credit",
    "application_decide",
    "application_export",
    "application_list",
    "application_new",
    "blacklist_decide",
    "blacklist_export",
    "blacklist_list",
    "blacklist_propose",
    "check_assign",
    "check_detail",
    "check_publish",
    "check_rectified",
    "check_send_back",
    "conflict_declare",
    "credit_record",
    "credit_evidence_file",
    "credit_withdraw",
    "downgrade_decide",
    "enterprise_detail",
    "enterprise_list",
    "filing_action",
    "my_checks",
    "my_enterprise",
    "override",
    "override_clear",
    "petition_decide",
    "petition_submit",
    "plan_detail",
    "plan_draw",
    "plan_list",
    "plan_new",
    "rules_page",
]
