"""The columns of each port-line list's Excel export: what a user reads on the list's rows, headed by the fields'
own (translated) names, choices shown by their labels."""

from operator import attrgetter

from guomen.core.filters import choice_column, field_column
from guomen.registry.models import Enterprise

from . import choices as c
from .models import (
    AgencyFinding,
    AgencyRegistration,
    FoodLicence,
    HygieneMonitoring,
    PackagingMaker,
    PackagingUse,
    PerformanceTest,
    WasteConsignee,
)

ENTERPRISE = [
    field_column(Enterprise, "name_zh", lambda r: r.enterprise.name_zh),
    field_column(Enterprise, "uscc", lambda r: r.enterprise.uscc),
]


def _tail(model, statuses):
    """The columns every record ends with: its status, the reason of its last change, its supervising unit."""
    return [
        choice_column(model, "status", statuses),
        field_column(model, "status_reason"),
        field_column(model, "org", lambda r: r.org.name),
    ]


L = FoodLicence
LICENCES = [
    field_column(L, "number"),
    *ENTERPRISE,
    choice_column(L, "business", c.FoodBusiness),
    field_column(L, "premises"),
    field_column(L, "valid_from"),
    field_column(L, "valid_until"),
    choice_column(L, "grade", c.Grade),
    field_column(L, "graded_on"),
    *_tail(L, c.LicenceStatus),
]

W = WasteConsignee
CONSIGNEES = [
    *ENTERPRISE,
    field_column(W, "number"),
    field_column(W, "materials"),
    field_column(W, "applied_on"),
    field_column(W, "registered_on"),
    field_column(W, "review_due"),
    *_tail(W, c.ConsigneeStatus),
]

F = AgencyFinding
FINDINGS = [
    field_column(F, "description"),
    *ENTERPRISE,
    choice_column(F, "check_kind", c.AgencyCheckKind),
    field_column(F, "found_on"),
    field_column(F, "penalty"),
    *_tail(F, c.FindingStatus),
]

U = PackagingUse
USES = [
    field_column(U, "un_number"),
    field_column(U, "goods"),
    *ENTERPRISE,
    choice_column(U, "packaging", c.PackagingKind),
    field_column(U, "batch"),
    choice_column(U, "result", c.UseResult),
    field_column(U, "inspected_on"),
    field_column(U, "valid_until"),
    *_tail(U, c.UseStatus),
]

A = AgencyRegistration
AGENCIES = [
    *ENTERPRISE,
    field_column(A, "number"),
    field_column(A, "scope", attrgetter("scope_labels")),
    field_column(A, "applied_on"),
    field_column(A, "registered_on"),
    field_column(A, "valid_until"),
    field_column(A, "review_due"),
    *_tail(A, c.AgencyStatus),
]

H = HygieneMonitoring
MONITORING = [
    field_column(H, "item"),
    choice_column(H, "category", c.MonitoringCategory),
    field_column(H, "value"),
    field_column(H, "unit"),
    choice_column(H, "limit_kind", c.LimitKind),
    field_column(H, "limit"),
    field_column(H, "conforming"),
    field_column(H, "sampling_point"),
    field_column(H, "sampled_on"),
    field_column(H, "licence", lambda r: r.licence.number if r.licence_id else ""),
    field_column(H, "enterprise", lambda r: r.enterprise.name_zh if r.enterprise_id else ""),
    choice_column(H, "status", c.MonitoringStatus),
    field_column(H, "status_reason"),
    field_column(H, "org", lambda r: r.org.name),
]

K = PackagingMaker
MAKERS = [
    field_column(K, "number"),
    *ENTERPRISE,
    field_column(K, "products", attrgetter("product_codes")),
    field_column(K, "registered_on"),
    field_column(K, "valid_until"),
    *_tail(K, c.MakerStatus),
]

P = PerformanceTest
TESTS = [
    field_column(P, "batch"),
    field_column(P, "un_code"),
    *ENTERPRISE,
    field_column(P, "maker", lambda r: r.maker.number),
    *(choice_column(P, name, c.TestOutcome) for name, _label in c.PERFORMANCE_TESTS),
    field_column(P, "tested_on"),
    field_column(P, "valid_until"),
    *_tail(P, c.PerformanceStatus),
]
