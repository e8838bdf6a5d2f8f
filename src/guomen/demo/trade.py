"""The demo bureau's trade: commodities, the flows that bring them in, and what makes them fail.

A flow is a commodity from an origin through some ports in some months. Non-conformity is drawn
from a logistic model whose terms a risk analyst would recognise: origin, commodity, season,
the enterprise's credit grade and the production base (a few orchards are bad).
"""

from dataclasses import dataclass, field

ALL_YEAR = (1,) * 12


def months(*active: int, peak: tuple[int, ...] = ()) -> tuple[float, ...]:
    """Twelve monthly weights: 1 in active months, 2.5 in peak months, 0.05 otherwise."""
    return tuple(2.5 if m in peak else 1.0 if m in active else 0.05 for m in range(1, 13))


@dataclass(frozen=True)
class Commodity:
    key: str
    hs: str  # the HS 2022 subheading (limits and requirements hang on it)
    national: str  # the 10-digit national code a declaration line uses
    name_zh: str
    name_en: str
    unit: str
    kg_per_unit: float
    price_per_kg: float
    currency: str
    hazards: tuple[str, ...]  # residues, contaminants, microbes found in this commodity
    base_kinds: tuple[str, ...]  # production bases a line names (orchard + packhouse, farm, plant)
    nc_rate: float  # non-conformity rate of an average consignment under physical inspection
    inspection: float  # share of consignments the historical rules sent to a physical check
    direction: str = "import"
    fruit_fly_host: bool = False
    document: str = "phytosanitary_certificate"


# fmt: off
FRUIT = ("orchard", "packhouse")
COMMODITIES = {
    c.key: c
    for c in [
        Commodity("durian", "081060", "0810600000", "鲜榴莲", "Fresh durian", "carton", 18, 3.2, "USD", ("CHLORP", "CYPERM"),
                  FRUIT, 0.045, 0.6),
        Commodity("mangosteen", "080450", "0804503000", "鲜山竹", "Fresh mangosteen", "carton", 10, 3.0, "USD", ("CARBEN",),
                  FRUIT, 0.04, 0.5, fruit_fly_host=True),
        Commodity("longan", "081090", "0810902000", "鲜龙眼", "Fresh longan", "carton", 11, 1.6, "USD", ("SO2", "IMIDAC"),
                  FRUIT, 0.05, 0.5, fruit_fly_host=True),
        Commodity("dragon_fruit", "081090", "0810907000", "鲜火龙果", "Fresh dragon fruit", "carton", 12, 1.1, "USD",
                  ("CARBEN",), FRUIT, 0.05, 0.5, fruit_fly_host=True),
        Commodity("cherry", "080929", "0809290000", "鲜樱桃", "Fresh cherries", "carton", 5, 9.0, "USD", ("CYPERM", "PROCYM"),
                  FRUIT, 0.02, 0.4),
        Commodity("avocado", "080440", "0804400000", "鲜鳄梨", "Fresh avocados", "carton", 10, 2.8, "USD", ("CARBEN",),
                  FRUIT, 0.015, 0.3, fruit_fly_host=True),
        Commodity("grape", "080610", "0806100000", "鲜食葡萄", "Fresh table grapes", "carton", 8.2, 2.5, "USD",
                  ("PROCYM", "CYPERM"), FRUIT, 0.025, 0.35, fruit_fly_host=True),
        Commodity("kiwifruit", "081050", "0810500000", "鲜猕猴桃", "Fresh kiwifruit", "tray", 3.4, 2.9, "USD", ("PROCYM",),
                  FRUIT, 0.01, 0.2),
        Commodity("orange", "080510", "0805100000", "鲜橙", "Fresh oranges", "carton", 15, 1.2, "USD",
                  ("CHLORP", "CARBEN", "IMIDAC"), FRUIT, 0.03, 0.4, fruit_fly_host=True),
        Commodity("choy_sum", "070490", "0704909000", "菜心", "Choy sum", "basket", 20, 7.5, "HKD",
                  ("OMETHO", "CHLORP", "CYPERM", "CADMIU"), ("farm",), 0.03, 0.35, direction="export",
                  document="other"),
        Commodity("lettuce", "070511", "0705110000", "生菜", "Head lettuce", "basket", 18, 6.0, "HKD",
                  ("OMETHO", "CHLORP", "CADMIU"), ("farm",), 0.025, 0.35, direction="export", document="other"),
        Commodity("broccoli", "070410", "0704100000", "西兰花", "Broccoli", "carton", 10, 9.0, "HKD", ("CYPERM",), ("farm",),
                  0.02, 0.35, direction="export", document="other"),
        Commodity("beef", "020230", "0202300000", "冷冻去骨牛肉", "Frozen boneless beef", "carton", 27, 6.5, "USD",
                  ("SALMON", "LISTMO", "ECO157", "RACTOP", "LEAD"), ("processing_plant",), 0.012, 0.5,
                  document="health_certificate"),
        Commodity("shrimp", "030617", "0306179000", "冻南美白对虾", "Frozen whiteleg shrimp", "carton", 10, 6.0, "USD",
                  ("VIBRPA", "CHLORA", "CADMIU"), ("processing_plant",), 0.02, 0.5, document="health_certificate"),
        Commodity("milk_powder", "040221", "0402210000", "全脂奶粉", "Whole milk powder", "bag", 25, 3.8, "USD",
                  ("SALMON", "LABELZ"), ("processing_plant",), 0.006, 0.3, document="health_certificate"),
    ]
}
# fmt: on


@dataclass(frozen=True)
class Flow:
    commodity: str
    origin: str
    weight: float
    season: tuple[float, ...]
    ports: dict[str, float] = field(default_factory=dict)


# fmt: off
FLOWS = [
    Flow("durian", "TH", 18, months(4, 5, 6, 7, 8, 9, peak=(5, 6, 7)),
         {"WJD": 35, "HG": 20, "SZW": 15, "BY": 5, "NS": 10, "YS": 10, "PD": 5}),
    Flow("durian", "VN", 5, months(*range(1, 13), peak=(5, 6, 8, 9)), {"WJD": 30, "HG": 30, "NS": 20, "YS": 20}),
    Flow("mangosteen", "TH", 5, months(4, 5, 6, 7, 8, peak=(5, 6)), {"WJD": 40, "HG": 30, "SZW": 10, "BY": 10, "PD": 10}),
    Flow("longan", "TH", 5, months(1, 2, 3, 7, 8, 9, peak=(8,)), {"WJD": 30, "HG": 20, "NS": 30, "YS": 20}),
    Flow("longan", "VN", 3, months(6, 7, 8, 9, peak=(7, 8)), {"WJD": 40, "HG": 40, "NS": 20}),
    Flow("dragon_fruit", "VN", 8, months(*range(1, 13), peak=(6, 7, 8)),
         {"WJD": 30, "HG": 30, "SZW": 10, "NS": 15, "YS": 15}),
    Flow("cherry", "CL", 7, months(11, 12, 1, 2, peak=(12, 1)), {"BY": 25, "PD": 25, "NS": 25, "YS": 25}),
    Flow("avocado", "PE", 2, months(4, 5, 6, 7, 8, 9), {"NS": 50, "YS": 50}),
    Flow("grape", "PE", 2, months(12, 1, 2, 3, peak=(1, 2)), {"NS": 40, "YS": 40, "SK": 20}),
    Flow("grape", "AU", 1.5, months(2, 3, 4, 5), {"NS": 40, "YS": 40, "SK": 20}),
    Flow("kiwifruit", "NZ", 3, months(4, 5, 6, 7, 8, 9, 10, peak=(5, 6)), {"SK": 30, "NS": 30, "YS": 40}),
    Flow("orange", "ZA", 2.5, months(6, 7, 8, 9, 10, peak=(7, 8)), {"NS": 40, "YS": 40, "SK": 20}),
    Flow("orange", "AU", 1.5, months(6, 7, 8, 9, 10), {"NS": 50, "YS": 50}),
    Flow("choy_sum", "CN", 12, months(*range(1, 13), peak=(11, 12, 1, 2, 3)), {"WJD": 70, "HG": 30}),
    Flow("lettuce", "CN", 6, ALL_YEAR, {"WJD": 60, "HG": 40}),
    Flow("broccoli", "CN", 4, months(*range(1, 13), peak=(12, 1, 2)), {"WJD": 60, "HG": 40}),
    Flow("beef", "AU", 4, ALL_YEAR, {"SK": 30, "NS": 35, "YS": 35}),
    Flow("beef", "BR", 5, ALL_YEAR, {"NS": 40, "YS": 40, "SK": 20}),
    Flow("shrimp", "EC", 4, ALL_YEAR, {"NS": 40, "YS": 40, "SK": 20}),
    Flow("shrimp", "IN", 2, ALL_YEAR, {"NS": 50, "YS": 50}),
    Flow("milk_powder", "NZ", 3, ALL_YEAR, {"YS": 50, "NS": 30, "SK": 20}),
]
# fmt: on

# Terms of the non-conformity logit.
# fmt: off
ORIGIN_EFFECT = {"TH": 0.3, "VN": 0.5, "IN": 0.5, "EC": 0.2, "BR": 0.1, "CN": 0.0, "ZA": 0.1, "PE": 0.0,
                 "CL": -0.3, "AU": -0.5, "NZ": -0.7}
CREDIT_EFFECT = {"AA": -0.9, "A": -0.3, "B": 0.0, "C": 0.8, "D": 1.4}
CREDIT_INSPECTION = {"AA": 0.5, "A": 0.8, "B": 1.0, "C": 1.5, "D": 2.0}
# fmt: on
BAD_BASE_EFFECT = 2.3
FRUIT_FLY_SEASON = {6: 0.5, 7: 0.6, 8: 0.6, 9: 0.4}  # rainy-season fruit-fly pressure in the tropics
TROPICAL = frozenset({"TH", "VN", "IN"})

# What a non-conformity turned out to be, and what was done about it.
FINDING_SHARE = {"pest": 0.65, "hazard": 0.25, "label": 0.10}
DISPOSITIONS = {
    "pest": (("treatment", 0.65), ("return", 0.20), ("destroy", 0.15)),
    "hazard": (("return", 0.55), ("destroy", 0.45)),
    "label": (("treatment", 0.80), ("return", 0.20)),
}

TRANSPORT_LOAD_KG = {"truck": (8000, 20000), "container": (18000, 26000), "air": (1500, 8000)}
# fmt: off
AIRLINES = {"TH": "TG", "VN": "VN", "CL": "LA", "PE": "LA", "NZ": "NZ", "AU": "QF", "ZA": "SA", "IN": "AI",
            "EC": "LA", "BR": "LA", "CN": "CZ"}
# fmt: on
CONTAINER_OWNERS = ("MSKU", "OOLU", "CMAU", "COSU", "EGLU", "HLXU", "ONEU", "TGHU")


# The buyers in Hong Kong of the demo's vegetable exports (consignees abroad on their phytosanitary certificates)
HK_CONSIGNEES = (
    ("Wing Fat Vegetables Trading Ltd.", "Stall 12, Cheung Sha Wan Wholesale Market\nSham Shui Po, Kowloon"),
    ("Kowloon Fresh Produce Co., Ltd.", "Unit 5, 8/F, 138 Tai Kok Tsui Road\nKowloon"),
    ("Tai Hing Greengrocers Ltd.", "G/F, 21 Nam Cheong Street\nSham Shui Po, Kowloon"),
    ("New Territories Veg Supply Ltd.", "Lot 402, Sheung Shui Wholesale Market\nNew Territories"),
)


def hk_consignee(n: int) -> tuple[str, str, str]:
    """(name, address, country) of a Hong Kong buyer, chosen by a number (no draw from the random stream)."""
    name, address = HK_CONSIGNEES[n % len(HK_CONSIGNEES)]
    return name, address, "HK"
