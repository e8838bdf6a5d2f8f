"""Which certificate a commodity needs, and the plant names an ePhyto must carry.

Plant products (fresh fruit, vegetables, plants, cereals, oilseeds, nuts, tea and spices, timber) get the
phytosanitary certificate and its ePhyto; food of animal origin (meat, aquatic products, dairy, eggs, bee
products) the health certificate; any other export the exit goods inspection and quarantine certificate.
The commodity group is the catalog's (HsCode.group, else the longest HS prefix of a group).
"""

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

# Botanical names by HS prefix (longest prefix wins): ISPM 12 asks for the botanical name of the plants.
# fmt: off
BOTANICAL_NAMES = {
    "0701": ("Potato", "Solanum tuberosum"),
    "0702": ("Tomato", "Solanum lycopersicum"),
    "0703": ("Onion, garlic and leek", "Allium spp."),
    "070320": ("Garlic", "Allium sativum"),
    "0704": ("Cabbage and other brassicas", "Brassica spp."),
    "070410": ("Broccoli", "Brassica oleracea var. italica"),
    "070490": ("Choy sum", "Brassica rapa var. parachinensis"),
    "0705": ("Lettuce", "Lactuca sativa"),
    "0706": ("Carrot and other roots", "Daucus carota"),
    "0707": ("Cucumber", "Cucumis sativus"),
    "0709": ("Other vegetables", "Plantae"),
    "0805": ("Citrus fruit", "Citrus spp."),
    "080510": ("Orange", "Citrus sinensis"),
    "0806": ("Grape", "Vitis vinifera"),
    "080810": ("Apple", "Malus domestica"),
    "080830": ("Pear", "Pyrus spp."),
    "080450": ("Mango, mangosteen and guava", "Mangifera indica"),
    "081050": ("Kiwifruit", "Actinidia chinensis"),
    "081060": ("Durian", "Durio zibethinus"),
    "081090": ("Longan and lychee", "Dimocarpus longan"),
    "0902": ("Tea", "Camellia sinensis"),
    "0910": ("Ginger", "Zingiber officinale"),
    "1006": ("Rice", "Oryza sativa"),
    "1001": ("Wheat", "Triticum aestivum"),
    "1005": ("Maize", "Zea mays"),
    "1201": ("Soya bean", "Glycine max"),
    "1202": ("Groundnut", "Arachis hypogaea"),
    "4403": ("Wood in the rough", "Plantae"),
}
# fmt: on


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


def botanical_name(hs_code: str) -> tuple[str, str] | None:
    """(common name, botanical name) for an HS code, or None when the catalogue has none."""
    for length in range(len(hs_code), 3, -1):
        found = BOTANICAL_NAMES.get(hs_code[:length])
        if found:
            return found
    return None
