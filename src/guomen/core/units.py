"""Units of quantity as declarations, samples and certificates write them → the name a Chinese reader expects
(carton → 箱, piece → 件, kg → 千克, specimen → 个). Unknown units are shown as written."""

from django.utils.translation import pgettext_lazy

# fmt: off
_NAMES = {
    "carton": pgettext_lazy("unit", "carton"), "case": pgettext_lazy("unit", "carton"),
    "box": pgettext_lazy("unit", "box"), "piece": pgettext_lazy("unit", "piece"),
    "kg": pgettext_lazy("unit", "kg"), "g": pgettext_lazy("unit", "g"), "t": pgettext_lazy("unit", "tonne"),
    "specimen": pgettext_lazy("unit", "specimen"), "unit": pgettext_lazy("unit", "unit"),
    "bag": pgettext_lazy("unit", "bag"), "ml": pgettext_lazy("unit", "ml"), "l": pgettext_lazy("unit", "litre"),
    "bottle": pgettext_lazy("unit", "bottle"), "can": pgettext_lazy("unit", "can"),
    "package": pgettext_lazy("unit", "package"), "pallet": pgettext_lazy("unit", "pallet"),
    "head": pgettext_lazy("unit", "head"), "set": pgettext_lazy("unit", "set"), "pair": pgettext_lazy("unit", "pair"),
    "crate": pgettext_lazy("unit", "crate"), "barrel": pgettext_lazy("unit", "barrel"),
    "roll": pgettext_lazy("unit", "roll"), "sheet": pgettext_lazy("unit", "sheet"),
    "basket": pgettext_lazy("unit", "basket"), "tray": pgettext_lazy("unit", "tray"),
}
# spellings and UN/ECE Recommendation 20/21 codes → the names above
_ALIASES = {
    "cartons": "carton", "ctn": "carton", "ctns": "carton", "ct": "carton", "cases": "carton", "boxes": "box",
    "bx": "box", "pieces": "piece", "pcs": "piece", "pc": "piece", "h87": "piece", "c62": "unit", "ea": "unit",
    "each": "unit", "units": "unit", "kgs": "kg", "kgm": "kg", "kilogram": "kg", "kilograms": "kg", "grm": "g",
    "gram": "g", "grams": "g", "tne": "t", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t",
    "specimens": "specimen", "bags": "bag", "bg": "bag", "mlt": "ml", "ltr": "l", "litre": "l", "liter": "l",
    "litres": "l", "bottles": "bottle", "bo": "bottle", "cans": "can", "ca": "can", "packages": "package",
    "pk": "package", "pkg": "package", "pallets": "pallet", "pl": "pallet", "px": "pallet", "heads": "head",
    "sets": "set", "pairs": "pair", "pr": "pair", "crates": "crate", "cr": "crate", "barrels": "barrel",
    "ba": "barrel", "rolls": "roll", "ro": "roll", "sheets": "sheet", "baskets": "basket", "bk": "basket",
    "trays": "tray", "pu": "tray",
}
# fmt: on


def unit_name(unit) -> str:
    """箱 for "carton", "CTN" or "CT"; the unit as written when it is not in the table."""
    text = str(unit or "").strip()
    key = text.lower().rstrip(".")
    key = _ALIASES.get(key, key)
    return str(_NAMES[key]) if key in _NAMES else text
