"""Which certificate a commodity needs, and the plant names an ePhyto must carry.

Plant products (fresh fruit, vegetables, plants, cereals, oilseeds, nuts, tea and spices, timber) get the
phytosanitary certificate and its ePhyto; food of animal origin (meat, aquatic products, dairy, eggs, bee
products) the health certificate; any other export the exit goods inspection and quarantine certificate.
The commodity group is the catalog's (HsCode.group, else the longest HS prefix of a group).
"""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guomen.catalog.loaders import longest_prefix_group
from guomen.catalog.models import CommodityGroup

from .choices import CertificateKind

PLANT_GROUPS = frozenset(
    {
        "plants",
        "vegetables",
        "fresh_fruit",
        "nuts_dried",
        "coffee_tea_spices",
        "cereals",
        "oilseeds",
        "timber",
    }
)
ANIMAL_FOOD_GROUPS = frozenset({"meat", "aquatic", "dairy", "eggs", "bee_products"})

BOTANICAL_NAMES_CSV = Path(__file__).resolve().parent / "data" / "botanical_names.csv"


@dataclass(frozen=True)
class BotanicalName:
    hs_prefix: str
    name_zh: str
    common_name: str
    scientific_name: str
    by_name: bool  # used only when the Chinese name is in the line's description


@lru_cache(maxsize=1)
def botanical_table() -> tuple[BotanicalName, ...]:
    """The botanical names of certificates/data/botanical_names.csv (source in its header), read once."""
    with BOTANICAL_NAMES_CSV.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return tuple(
            BotanicalName(
                r["hs_prefix"].strip(),
                r["name_zh"].strip(),
                r["common_name"].strip(),
                r["scientific_name"].strip(),
                r["by_name"].strip() == "1",
            )
            for r in rows
            if r["hs_prefix"].strip() and r["scientific_name"].strip()
        )


def _groups() -> dict[str, str]:
    return {
        p: code
        for code, prefixes in CommodityGroup.objects.values_list("code", "hs_prefixes")
        for p in prefixes
    }


def group_of(hs, prefixes: dict[str, str] | None = None) -> str | None:
    if getattr(hs, "group_id", None):
        return hs.group_id
    return longest_prefix_group(hs.code, prefixes if prefixes is not None else _groups())


def kind_for_group(group: str | None) -> str:
    if group in PLANT_GROUPS:
        return CertificateKind.PHYTOSANITARY
    if group in ANIMAL_FOOD_GROUPS:
        return CertificateKind.HEALTH
    return CertificateKind.EXIT


def kinds_for_lines(lines) -> dict[str, list]:
    """{kind: [lines]} for the declaration's lines, in the order of the lines."""
    prefixes = None
    out: dict[str, list] = {}
    for line in lines:
        if not getattr(line.hs, "group_id", None) and prefixes is None:
            prefixes = _groups()
        out.setdefault(kind_for_group(group_of(line.hs, prefixes)), []).append(line)
    return out


def needs_phytosanitary(hs_codes) -> bool:
    """Whether any of these HS codes (catalog rows) is a plant product, which gets a phytosanitary certificate."""
    prefixes = None
    for hs in hs_codes:
        if not getattr(hs, "group_id", None) and prefixes is None:
            prefixes = _groups()
        if kind_for_group(group_of(hs, prefixes)) == CertificateKind.PHYTOSANITARY:
            return True
    return False


def botanical_name(hs_code: str, description: str = "") -> tuple[str, str] | None:
    """(common name, botanical name) of a line: the entry of the longest HS prefix of its code whose Chinese
    name the description contains (荔枝 under 081090), else the longest prefix's general entry; None when the
    table knows none (the ePhyto then names what is missing)."""
    code = (hs_code or "").strip()
    matching = [e for e in botanical_table() if code.startswith(e.hs_prefix)]
    if description:
        named = [e for e in matching if e.name_zh and e.name_zh in description]
        if named:
            best = max(named, key=lambda e: (len(e.hs_prefix), len(e.name_zh)))
            return best.common_name, best.scientific_name
    general = [e for e in matching if not e.by_name]
    if not general:
        return None
    best = max(
        general, key=lambda e: len(e.hs_prefix)
    )  # the first of the longest prefix (max keeps the first)
    return best.common_name, best.scientific_name
