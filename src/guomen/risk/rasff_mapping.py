"""Mapping RASFF text onto Guomen's catalogue: product category / subject → commodity group, origin names →
countries, hazard text → hazards, classifications → one vocabulary. Category, subject-word and origin-name
mappings live in CommodityMapping (reviewable)."""

import hashlib
import re

from django.utils.text import slugify

from guomen.catalog.choices import HazardKind
from guomen.catalog.country_names import CountryNames
from guomen.catalog.models import Country

from .choices import RASFF_CLASSIFICATION_TEXTS, MappingKind
from .models import CommodityMapping

DEFAULT_CATEGORIES = {
    "fruits and vegetables": "vegetables",
    "nuts, nut products and seeds": "nuts_dried",
    "poultry meat and poultry meat products": "meat",
    "meat and meat products (other than poultry)": "meat",
    "cereals and bakery products": "cereals",
    "dietetic foods, food supplements and fortified foods": "processed_food",
    "dietetic foods, food supplements, fortified foods": "processed_food",
    "herbs and spices": "coffee_tea_spices",
    "cocoa and cocoa preparations, coffee and tea": "coffee_tea_spices",
    "fish and fish products": "aquatic",
    "bivalve molluscs and products thereof": "aquatic",
    "crustaceans and products thereof": "aquatic",
    "cephalopods and products thereof": "aquatic",
    "gastropods": "aquatic",
    "other food product / mixed": "processed_food",
    "prepared dishes and snacks": "processed_food",
    "soups, broths, sauces and condiments": "processed_food",
    "ices and desserts": "processed_food",
    "food additives and flavourings": "processed_food",
    "feed materials": "feed",
    "compound feeds": "feed",
    "pet food": "feed",
    "feed premixtures": "feed",
    "feed additives": "feed",
    "food contact materials": "food_contact",
    "confectionery": "sugar_confectionery",
    "milk and milk products": "dairy",
    "eggs and egg products": "eggs",
    "honey and royal jelly": "bee_products",
    "non-alcoholic beverages": "beverages",
    "alcoholic beverages": "beverages",
    "wine": "beverages",
    "natural mineral waters": "beverages",
    "natural mineral water": "beverages",
    "water for human consumption (other)": "beverages",
    "fats and oils": "edible_oils",
    "animal by-products": "animal_byproducts",
    "live animals": "live_animals",
    "plant protection products": "chemicals",
}
# Words in the subject that refine "fruits and vegetables" (the longest matching word wins).
FRESH_FRUIT_WORDS = (
    "durian",
    "durians",
    "mango",
    "mangoes",
    "orange",
    "oranges",
    "mandarin",
    "mandarins",
    "tangerine",
    "tangerines",
    "clementines",
    "grapefruit",
    "grapefruits",
    "lemon",
    "lemons",
    "lime",
    "limes",
    "grape",
    "grapes",
    "table grapes",
    "pomegranate",
    "pomegranates",
    "banana",
    "bananas",
    "pineapple",
    "pineapples",
    "papaya",
    "papayas",
    "dragon fruit",
    "pitahaya",
    "apple",
    "apples",
    "pear",
    "pears",
    "cherry",
    "cherries",
    "strawberry",
    "strawberries",
    "kiwi",
    "kiwifruit",
    "melon",
    "melons",
    "watermelon",
    "watermelons",
    "peach",
    "peaches",
    "nectarines",
    "apricots",
    "plums",
    "avocado",
    "avocados",
    "guava",
    "longan",
    "longans",
    "lychee",
    "lychees",
    "litchi",
    "rambutan",
    "mangosteen",
    "passion fruit",
    "blueberries",
    "raspberries",
    "figs",
    "persimmon",
    "persimmons",
)
DRIED_FRUIT_WORDS = ("dried figs", "dried apricots", "raisins", "sultanas", "dates", "dried mango")
FROZEN_FRUIT_WORDS = ("frozen strawberries", "frozen raspberries", "frozen blueberries")
DEFAULT_KEYWORDS = {
    **dict.fromkeys(FRESH_FRUIT_WORDS, "fresh_fruit"),
    **dict.fromkeys(DRIED_FRUIT_WORDS, "nuts_dried"),
    **dict.fromkeys(FROZEN_FRUIT_WORDS, "frozen_fruit"),
}
REFINED_GROUPS = {"vegetables", "fresh_fruit"}

QUALIFIERS = (
    "unauthorised substance",
    "unauthorised",
    "too high content",
    "high content",
    "too high count",
    "high count",
    "migration",
    "parasitic infestation with",
    "infested with",
    "unsafe",
    "undeclared",
    "presence",
)
KIND_WORDS = [
    (
        HazardKind.MICROBIOLOGICAL,
        "salmonella listeria escherichia e. coli norovirus hepatitis bacillus "
        "clostridium enterobacter mould mold yeast vibrio campylobacter staphylococ cronobacter shigella "
        "aerobic coliform virus bacteria",
    ),
    (
        HazardKind.CONTAMINANT,
        "aflatoxin ochratoxin mycotoxin fumonisin deoxynivalenol zearalenone patulin "
        "alkaloid lead cadmium mercury arsenic dioxin pcb benzo mineral oil chlorate perchlorate nitrate "
        "histamine mcpd glycidyl ethylene oxide chloroethanol acrylamide melamine nickel chromium formaldehyde "
        "amines bisphenol ergot hydrocyanic cyanide",
    ),
    (HazardKind.LABELLING, "label allergen undeclared"),
    (HazardKind.QUARANTINE_PEST, "insect larvae beetle weevil moth pest infest thrips mite"),
]
PESTICIDE_ENDINGS = ("fos", "phos", "thrin", "azole", "prid", "carb", "oxam", "mectin", "fenpyrad", "chlor")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def group_for(category: str, subject: str, categories: dict, keywords: list[tuple[re.Pattern, str]]):
    """The commodity group code for a notification, or None when the category is not mapped (yet)."""
    group = categories.get(norm(category))
    if group in REFINED_GROUPS or group is None:
        text = norm(subject)
        for pattern, code in keywords:
            if pattern.search(text):
                return code
    return group


def keyword_patterns(keywords: dict[str, str]) -> list[tuple[re.Pattern, str]]:
    ordered = sorted(keywords.items(), key=lambda kv: -len(kv[0]))
    return [(re.compile(r"\b" + re.escape(word) + r"\b"), code) for word, code in ordered if code]


class OriginResolver:
    """Origin names → catalogue countries through every known spelling (old names, codes, Chinese) and the
    analyst's mappings; names still unknown are collected to be queued for mapping."""

    def __init__(self):
        countries = list(Country.objects.values_list("code", "alpha3", "name_en", "name_zh"))
        self.queued = dict(
            CommodityMapping.objects.filter(kind=MappingKind.ORIGIN).values_list("text", "country_id")
        )
        self.names = CountryNames(countries, extra={t: c for t, c in self.queued.items() if c})
        self.cache: dict[str, str | None] = {}
        self.unknown: dict[str, None] = {}

    def codes(self, text: str) -> list[str]:
        found = []
        for name in str(text or "").split(","):
            code = self.code(name)
            if code and code not in found:
                found.append(code)
        return found

    def code(self, name: str) -> str | None:
        key = norm(name)
        if key not in self.cache:
            code = self.names.code(key)
            if code is None and CountryNames.is_country_name(key) and key not in self.queued:
                self.unknown[key] = None
            self.cache[key] = code
        return self.cache[key]

    def queue_unknown(self) -> list[str]:
        """Queue the unknown names (once each) for an analyst; returns them."""
        names = [name[:200] for name in self.unknown]
        CommodityMapping.objects.bulk_create(
            [CommodityMapping(kind=MappingKind.ORIGIN, text=name) for name in names], ignore_conflicts=True
        )
        return names


def classification_code(text: str) -> str:
    """Both RASFF vocabularies ("alert", "alert notification") → one code; an unknown class is kept as written."""
    key = norm(text)
    return str(RASFF_CLASSIFICATION_TEXTS.get(key, key))


def split_list(text: str) -> list[str]:
    """A comma-separated cell split where a comma separates names: not inside brackets and not between digits,
    so "diphenyl(2,4,6-trimethylbenzoyl)phosphine oxide" and "2,4-D" stay whole."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            between_digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
            if not between_digits:
                pieces.append(text[start:i])
                start = i + 1
    pieces.append(text[start:])
    return pieces


def hazard_names(text: str) -> list[str]:
    """Hazard names in a RASFF hazards cell, without qualifiers ("chlorpyrifos  unauthorised substance")."""
    names = []
    for piece in split_list(str(text or "")):
        name = re.split(r"\s{2,}", piece.strip())[0].strip()
        lowered = name.lower()
        for qualifier in QUALIFIERS:
            if lowered.endswith(" " + qualifier):
                name = name[: -len(qualifier) - 1].strip()
                lowered = name.lower()
        name = name.rstrip(" .;")
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


def hazard_code(name: str) -> str:
    digest = hashlib.sha1(norm(name).encode()).hexdigest()[:6]
    return f"rasff-{slugify(name)[:26]}-{digest}"


def hazard_kind(name: str) -> str:
    text = norm(name)
    for kind, words in KIND_WORDS:
        if any(w in text for w in words.split()):
            return kind
    if any(text.endswith(e) for e in PESTICIDE_ENDINGS):
        return HazardKind.PESTICIDE_RESIDUE
    return HazardKind.OTHER


def mapping_defaults() -> list[tuple[str, str, str]]:
    return [(MappingKind.CATEGORY, k, v) for k, v in DEFAULT_CATEGORIES.items()] + [
        (MappingKind.KEYWORD, k, v) for k, v in DEFAULT_KEYWORDS.items()
    ]
