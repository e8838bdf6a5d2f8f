"""The API schemas of the port lines of work (what goes in and what comes out)."""

import datetime as dt

from ninja import Schema


class PortRecordOut(Schema):
    id: int
    enterprise: str
    status: str
    status_reason: str
    version: int

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc


class PortStatusIn(Schema):
    to: str
    reason: str
    version: int | None = None


class FoodLicenceIn(Schema):
    enterprise: str
    number: str
    business: str
    premises: str
    valid_from: dt.date
    valid_until: dt.date


class FoodLicenceOut(PortRecordOut):
    number: str
    business: str
    premises: str
    valid_from: dt.date
    valid_until: dt.date
    grade: str
    graded_on: dt.date | None


class FoodGradeIn(Schema):
    grade: str
    graded_on: dt.date
    version: int | None = None


class WasteConsigneeIn(Schema):
    enterprise: str
    materials: str
    applied_on: dt.date


class WasteConsigneeOut(PortRecordOut):
    number: str
    materials: str
    applied_on: dt.date
    registered_on: dt.date | None
    review_due: dt.date | None


class ConsigneeRegisterIn(Schema):
    number: str
    registered_on: dt.date
    version: int | None = None


class ConsigneeReviewIn(Schema):
    reviewed_on: dt.date
    passed: bool
    reason: str
    version: int | None = None


class AgencyFindingIn(Schema):
    enterprise: str
    check_kind: str
    found_on: dt.date
    description: str


class AgencyFindingOut(PortRecordOut):
    registration: int | None = None

    @staticmethod
    def resolve_registration(obj):
        return obj.registration_id

    check_kind: str
    found_on: dt.date
    description: str
    penalty: str


class FindingDecideIn(Schema):
    to: str
    reason: str
    penalty: str = ""
    severity: str = "general"
    version: int | None = None


class PackagingUseIn(Schema):
    enterprise: str
    packaging: str
    batch: str = ""
    un_number: str
    goods: str
    inspected_on: dt.date
    result: str
    valid_until: dt.date | None = None


class PackagingUseOut(PortRecordOut):
    packaging: str
    batch: str
    un_number: str
    goods: str
    inspected_on: dt.date
    result: str
    valid_until: dt.date | None


class AgencyIn(Schema):
    enterprise: str
    scope: list[str]
    applied_on: dt.date


class AgencyOut(PortRecordOut):
    number: str
    scope: list[str]
    applied_on: dt.date
    registered_on: dt.date | None
    valid_until: dt.date | None
    review_due: dt.date | None

    @staticmethod
    def resolve_scope(obj):
        return obj.scope_codes


class AgencyDetailOut(AgencyOut):
    findings: list[AgencyFindingOut]

    @staticmethod
    def resolve_findings(obj):
        return obj.findings_seen


class AgencyRegisterIn(Schema):
    number: str
    registered_on: dt.date
    valid_until: dt.date
    version: int | None = None


class AgencyReviewIn(Schema):
    reviewed_on: dt.date
    passed: bool
    reason: str
    version: int | None = None


class MonitoringIn(Schema):
    licence: int | None = None
    port: str = ""
    category: str
    item: str
    sampling_point: str
    sampled_on: dt.date
    value: str | float
    unit: str
    limit: str | float
    limit_kind: str = "max"


class MonitoringOut(Schema):
    id: int
    port: str
    licence: int | None
    enterprise: str | None
    category: str
    item: str
    sampling_point: str
    sampled_on: dt.date
    value: str
    unit: str
    limit: str
    limit_kind: str
    conforming: bool
    status: str
    status_reason: str
    version: int

    @staticmethod
    def resolve_port(obj):
        return obj.org.code

    @staticmethod
    def resolve_licence(obj):
        return obj.licence_id

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.uscc if obj.enterprise_id else None

    @staticmethod
    def resolve_value(obj):
        return format(obj.value.normalize(), "f")

    @staticmethod
    def resolve_limit(obj):
        return format(obj.limit.normalize(), "f")


class MakerIn(Schema):
    enterprise: str
    number: str
    products: str
    registered_on: dt.date
    valid_until: dt.date


class MakerOut(PortRecordOut):
    number: str
    products: list[str]
    registered_on: dt.date
    valid_until: dt.date

    @staticmethod
    def resolve_products(obj):
        return obj.product_codes


class PerformanceIn(Schema):
    un_code: str
    batch: str
    tested_on: dt.date
    drop: str
    stacking: str
    leakproof: str
    hydraulic: str
    valid_until: dt.date | None = None


class PerformanceOut(PortRecordOut):
    maker: int
    un_code: str
    batch: str
    tested_on: dt.date
    drop: str
    stacking: str
    leakproof: str
    hydraulic: str
    passed: bool
    valid_until: dt.date | None

    @staticmethod
    def resolve_maker(obj):
        return obj.maker_id
