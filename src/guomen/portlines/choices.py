"""The statuses of the port lines of work and their transitions tables (one table per record, one pattern)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LicenceStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


L = LicenceStatus
LICENCE_TRANSITIONS: dict[str, set[str]] = {
    L.VALID: {L.SUSPENDED, L.REVOKED, L.EXPIRED},
    L.SUSPENDED: {L.VALID, L.REVOKED, L.EXPIRED},
    L.REVOKED: set(),
    L.EXPIRED: set(),
}


class FoodBusiness(models.TextChoices):
    CATERING = "catering", _("Catering")
    SHOP = "shop", _("Food shop")
    SUPPLY = "supply", _("Food supply to vessels and aircraft")


class Grade(models.TextChoices):
    """量化分级: the grade given by the annual hygiene assessment."""

    A = "A", _("A (good)")
    B = "B", _("B (fair)")
    C = "C", _("C (poor)")


class ConsigneeStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    REGISTERED = "registered", _("Registered")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


W = ConsigneeStatus
CONSIGNEE_TRANSITIONS: dict[str, set[str]] = {
    W.APPLIED: {W.REGISTERED, W.CANCELLED},
    W.REGISTERED: {W.SUSPENDED, W.CANCELLED},
    W.SUSPENDED: {W.REGISTERED, W.CANCELLED},
    W.CANCELLED: set(),
}


class AgencyCheckKind(models.TextChoices):
    GOODS = "goods", _("Goods inspection (验货)")
    FACTORY = "factory", _("Factory audit (验厂)")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Under investigation")
    PENALISED = "penalised", _("Penalised")
    DISMISSED = "dismissed", _("Dismissed")


F = FindingStatus
FINDING_TRANSITIONS: dict[str, set[str]] = {
    F.OPEN: {F.PENALISED, F.DISMISSED},
    F.PENALISED: set(),
    F.DISMISSED: set(),
}


class PackagingKind(models.TextChoices):
    DRUM = "drum", _("Drum")
    JERRICAN = "jerrican", _("Jerrican")
    BOX = "box", _("Box")
    BAG = "bag", _("Bag")
    IBC = "ibc", _("Intermediate bulk container")
    COMPOSITE = "composite", _("Composite packaging")


class UseResult(models.TextChoices):
    PASSED = "passed", _("Fit for use")
    FAILED = "failed", _("Not fit for use")


class UseStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REFUSED = "refused", _("Not to be used")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


U = UseStatus
# A failed inspection is recorded as refused at once; a passed one is valid until withdrawn or expired.
USE_TRANSITIONS: dict[str, set[str]] = {
    U.VALID: {U.WITHDRAWN, U.EXPIRED},
    U.REFUSED: set(),
    U.WITHDRAWN: set(),
    U.EXPIRED: set(),
}


class AgencyScope(models.TextChoices):
    """检验鉴定业务范围: what a registered inspection agency may inspect or appraise."""

    COMMODITY = "commodity", _("Import and export commodity inspection and appraisal")
    QUALITY = "quality", _("Quality and grade inspection")
    WEIGHT = "weight", _("Weight appraisal")
    MEASUREMENT = "measurement", _("Cargo measurement")
    DAMAGE = "damage", _("Damage survey")
    LOADING = "loading", _("Loading supervision and hold inspection")
    SAMPLING = "sampling", _("Sampling and sample preparation")
    FACTORY = "factory", _("Factory audit")


class AgencyStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    REGISTERED = "registered", _("Registered")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


A = AgencyStatus
AGENCY_TRANSITIONS: dict[str, set[str]] = {
    A.APPLIED: {A.REGISTERED, A.CANCELLED},
    A.REGISTERED: {A.SUSPENDED, A.CANCELLED, A.EXPIRED},
    A.SUSPENDED: {A.REGISTERED, A.CANCELLED, A.EXPIRED},
    A.CANCELLED: set(),
    A.EXPIRED: set(),
}


class MonitoringCategory(models.TextChoices):
    """口岸卫生监测: what is monitored at the port."""

    DRINKING_WATER = "drinking_water", _("Drinking water")
    FOOD_CONTACT = "food_contact", _("Food contact surfaces and tableware")
    PUBLIC_AIR = "public_air", _("Air in public places")
    VECTOR = "vector", _("Vector and rodent density")


class LimitKind(models.TextChoices):
    MAX = "max", _("at most the limit")
    MIN = "min", _("at least the limit")


class MonitoringStatus(models.TextChoices):
    CONFORMING = "conforming", _("Conforming")
    OPEN = "open", _("Non-conforming, to be rectified")
    RECTIFIED = "rectified", _("Rectified")
    WITHDRAWN = "withdrawn", _("Withdrawn")


M = MonitoringStatus
# A conforming result is closed at once; a non-conforming one stays open until rectified. Either may be withdrawn
# (a result entered in error), with the reason.
MONITORING_TRANSITIONS: dict[str, set[str]] = {
    M.CONFORMING: {M.WITHDRAWN},
    M.OPEN: {M.RECTIFIED, M.WITHDRAWN},
    M.RECTIFIED: {M.WITHDRAWN},
    M.WITHDRAWN: set(),
}


class MakerStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


K = MakerStatus
MAKER_TRANSITIONS: dict[str, set[str]] = {
    K.REGISTERED: {K.SUSPENDED, K.CANCELLED, K.EXPIRED},
    K.SUSPENDED: {K.REGISTERED, K.CANCELLED, K.EXPIRED},
    K.CANCELLED: set(),
    K.EXPIRED: set(),
}


class TestOutcome(models.TextChoices):
    PASSED = "passed", pgettext_lazy("test outcome", "Passed")
    FAILED = "failed", pgettext_lazy("test outcome", "Failed")
    NOT_TESTED = "not_tested", _("Not required")


# The four performance tests of a dangerous-goods packaging (危险货物包装性能检验), field name → label.
PERFORMANCE_TESTS: tuple[tuple[str, str], ...] = (
    ("drop", _("Drop test")),
    ("stacking", _("Stacking test")),
    ("leakproof", _("Leakproofness test")),
    ("hydraulic", _("Internal (hydraulic) pressure test")),
)


class PerformanceStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    FAILED = "failed", _("Failed: batch not to be used")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


P = PerformanceStatus
PERFORMANCE_TRANSITIONS: dict[str, set[str]] = {
    P.VALID: {P.WITHDRAWN, P.EXPIRED},
    P.FAILED: set(),
    P.WITHDRAWN: set(),
    P.EXPIRED: set(),
}


# Solid waste at import ------------------------------------------------------------------------------------------
#
# Checked on 2026-12-06 against the public texts (see README, "Solid waste headings"):
# - 生态环境部 商务部 发展改革委 海关总署公告2020年第53号《关于全面禁止进口固体废物有关事项的公告》: from 2021-01-01 no
#   solid waste may be imported in any way; no more licences for 限制进口类可用作原料的固体废物 are issued.
# - 公告2018年第6号《关于调整〈进口废物管理目录〉的公告》: 废五金、废船、废汽车压件、冶炼渣、工业来源废塑料 banned from the end
#   of 2018; 不锈钢废碎料、钛废碎料、木废碎料 from the end of 2019 (earlier: 生活来源废塑料、未经分拣的废纸、废纺织原料
#   from the end of 2017).
# - What may still come in is not waste but 再生原料 meeting a national standard, declared under ten-digit codes of
#   the same headings (RECYCLED_RAW_MATERIALS below). Guomen's catalogue stops at six digits (HS 2022), so the rule
#   cannot tell them apart: a line under one of these headings is held for a registered consignee, and a conforming
#   再生原料 consignment is released by a supervisor's override with its reason (its own audited event).
#
# (HS prefix, 中文名称, regime) of every heading the clearance rule `waste_consignee_not_registered` watches.
WASTE_HEADINGS: tuple[tuple[str, str, str], ...] = (
    ("2618",   "粒状熔渣(冶炼钢铁所产生)",          "banned"),
    ("2619",   "冶炼钢铁所产生的熔渣、浮渣及其他废料",  "banned"),
    ("2620",   "含金属的矿渣、矿灰及残渣",            "banned"),
    ("3915",   "废塑料",                          "banned"),
    ("4004",   "废橡胶",                          "banned"),
    ("440141", "锯末(未制成型)",                   "banned"),
    ("440149", "木废料及碎片(未制成型)",             "banned"),
    ("4707",   "回收(废碎)纸及纸板",                "banned"),
    ("5103",   "羊毛等动物毛废料",                   "banned"),
    ("6310",   "废纺织品及碎织物",                   "banned"),
    ("7204",   "钢铁废碎料",                        "recycled"),
    ("7404",   "铜废碎料",                          "recycled"),
    ("7503",   "镍废碎料",                          "banned"),
    ("7602",   "铝废碎料",                          "recycled"),
    ("7802",   "铅废碎料",                          "banned"),
    ("7902",   "锌废碎料",                          "banned"),
    ("8002",   "锡废碎料",                          "banned"),
    ("810830", "钛废碎料",                          "banned"),
    ("8549",   "电子电气废弃物(废五金)",             "banned"),
    ("8908",   "供拆卸的船舶及其他浮动结构体(废船)",    "banned"),
)  # fmt: skip

WASTE_HS_PREFIXES: tuple[str, ...] = tuple(prefix for prefix, _name, _regime in WASTE_HEADINGS)

# 再生原料 that are not solid waste and may be imported freely when they meet their standard:
# (ten-digit customs code, name, standard, announcement).
RECYCLED_RAW_MATERIALS: tuple[tuple[str, str, str, str], ...] = (
    ("7204100010", "再生钢铁原料(铸铁)",   "GB/T 39733-2020",  "公告2020年第78号"),
    ("7204210010", "再生钢铁原料(不锈钢)", "GB/T 39733-2020",  "公告2020年第78号"),
    ("7204290010", "再生钢铁原料(合金钢)", "GB/T 39733-2020",  "公告2020年第78号"),
    ("7204410010", "再生钢铁原料(车屑等)", "GB/T 39733-2020",  "公告2020年第78号"),
    ("7204490030", "再生钢铁原料(其他)",   "GB/T 39733-2020",  "公告2020年第78号"),
    ("7404000020", "再生铜合金原料",        "GB/T 38470",       "2024年10月21日六部门公告"),
    ("7404000030", "再生铜原料",           "GB/T 38471",       "2024年10月21日六部门公告"),
    ("7404000040", "再生铜合金原料",        "GB/T 38470",       "2024年10月21日六部门公告"),
    ("7404000050", "再生铜原料",           "GB/T 38471",       "2024年10月21日六部门公告"),
    ("7602000020", "再生铸造铝合金原料",     "GB/T 38472",       "2024年10月21日六部门公告"),
    ("7602000030", "再生铸造铝合金原料",     "GB/T 38472",       "2024年10月21日六部门公告"),
    ("7602000040", "再生纯铝原料",          "GB/T 40382",       "2024年10月21日六部门公告"),
    ("7602000050", "再生变形铝合金原料",     "GB/T 40386",       "2024年10月21日六部门公告"),
)  # fmt: skip
