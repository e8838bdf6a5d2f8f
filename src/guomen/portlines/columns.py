"""The columns of each port-line list's Excel export: what a user reads on the list's rows, headed by the fields'
own (translated) names, choices shown by their labels."""

from operator import attrgetter

from django.utils.text import capfirst

from guomen.core.filters import label_of
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


def _col(model, name: str, read=None):
    """A column headed by the field's name, reading the field (or `read(row)`)."""
    return capfirst(model._meta.get_field(name).verbose_name), read or attrgetter(name)


def _choice(model, name: str, choices):
    label = label_of(choices)
    return _col(model, name, lambda r: label(getattr(r, name)))


ENTERPRISE = [
    (capfirst(Enterprise._meta.get_field("name_zh").verbose_name), lambda r: r.enterprise.name_zh),
    (capfirst(Enterprise._meta.get_field("uscc").verbose_name), lambda r: r.enterprise.uscc),
]


def _tail(model, statuses):
    """The columns every record ends with: its status, the reason of its last change, its supervising unit."""
    return [
        _choice(model, "status", statuses),
        _col(model, "status_reason"),
        _col(model, "org", lambda r: r.org.name),
    ]


L = FoodLicence
LICENCES = [
    _col(L, "number"),
    *ENTERPRISE,
    _choice(L, "business", c.FoodBusiness),
    _col(L, "premises"),
    _col(L, "valid_from"),
    _col(L, "valid_until"),
    _choice(L, "grade", c.Grade),
    _col(L, "graded_on"),
    *_tail(L, c.LicenceStatus),
]

W = WasteConsignee
CONSIGNEES = [
    *ENTERPRISE,
    _col(W, "number"),
    _col(W, "materials"),
    _col(W, "applied_on"),
    _col(W, "registered_on"),
    _col(W, "review_due"),
    *_tail(W, c.ConsigneeStatus),
]

F = AgencyFinding
FINDINGS = [
    _col(F, "description"),
    *ENTERPRISE,
    _choice(F, "check_kind", c.AgencyCheckKind),
    _col(F, "found_on"),
    _col(F, "penalty"),
    *_tail(F, c.FindingStatus),
]

U = PackagingUse
USES = [
    _col(U, "un_number"),
    _col(U, "goods"),
    *ENTERPRISE,
    _choice(U, "packaging", c.PackagingKind),
    _col(U, "batch"),
    _choice(U, "result", c.UseResult),
    _col(U, "inspected_on"),
    _col(U, "valid_until"),
    *_tail(U, c.UseStatus),
]

A = AgencyRegistration
AGENCIES = [
    *ENTERPRISE,
    _col(A, "number"),
    _col(A, "scope", attrgetter("scope_labels")),
    _col(A, "applied_on"),
    _col(A, "registered_on"),
    _col(A, "valid_until"),
    _col(A, "review_due"),
    *_tail(A, c.AgencyStatus),
]

H = HygieneMonitoring
MONITORING = [
    _col(H, "item"),
    _choice(H, "category", c.MonitoringCategory),
    _col(H, "value"),
    _col(H, "unit"),
    _choice(H, "limit_kind", c.LimitKind),
    _col(H, "limit"),
    _col(H, "conforming"),
    _col(H, "sampling_point"),
    _col(H, "sampled_on"),
    _col(H, "licence", lambda r: r.licence.number if r.licence_id else ""),
    _col(H, "enterprise", lambda r: r.enterprise.name_zh if r.enterprise_id else ""),
    _choice(H, "status", c.MonitoringStatus),
    _col(H, "status_reason"),
    _col(H, "org", lambda r: r.org.name),
]

K = PackagingMaker
MAKERS = [
    _col(K, "number"),
    *ENTERPRISE,
    _col(K, "products", attrgetter("product_codes")),
    _col(K, "registered_on"),
    _col(K, "valid_until"),
    *_tail(K, c.MakerStatus),
]

P = PerformanceTest
TESTS = [
    _col(P, "batch"),
    _col(P, "un_code"),
    *ENTERPRISE,
    _col(P, "maker", lambda r: r.maker.number),
    *(_choice(P, name, c.TestOutcome) for name, _label in c.PERFORMANCE_TESTS),
    _col(P, "tested_on"),
    _col(P, "valid_until"),
    *_tail(P, c.PerformanceStatus),
]
