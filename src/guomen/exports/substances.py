"""Catalogue data of the export chain: the pesticides and veterinary drugs an input record may name, with the
usual withdrawal period / safe interval, and the substances each destination bans (national reference data kept
as a table; an unknown code is refused where it is entered)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import InputKind


@dataclass(frozen=True)
class Substance:
    code: str
    kind: str
    name_zh: str
    name_en: str
    withdrawal_days: int  # usual withdrawal period (drugs) or safe interval (pesticides)


P, V = InputKind.PESTICIDE, InputKind.VET_DRUG
# fmt: off
SUBSTANCES: dict[str, Substance] = {s.code: s for s in (
    Substance("chlorpyrifos",    P, "毒死蜱",     "Chlorpyrifos",     21),
    Substance("imidacloprid",    P, "吡虫啉",     "Imidacloprid",      7),
    Substance("carbendazim",     P, "多菌灵",     "Carbendazim",      14),
    Substance("abamectin",       P, "阿维菌素",   "Abamectin",         7),
    Substance("chlorothalonil",  P, "百菌清",     "Chlorothalonil",   10),
    Substance("mancozeb",        P, "代森锰锌",   "Mancozeb",         15),
    Substance("emamectin",       P, "甲氨基阿维菌素苯甲酸盐", "Emamectin benzoate", 7),
    Substance("omethoate",       P, "氧乐果",     "Omethoate",        30),
    Substance("enrofloxacin",    V, "恩诺沙星",   "Enrofloxacin",      8),
    Substance("florfenicol",     V, "氟苯尼考",   "Florfenicol",      14),
    Substance("oxytetracycline", V, "土霉素",     "Oxytetracycline",  21),
    Substance("amoxicillin",     V, "阿莫西林",   "Amoxicillin",      14),
    Substance("sulfadiazine",    V, "磺胺嘧啶",   "Sulfadiazine",     28),
    Substance("chloramphenicol", V, "氯霉素",     "Chloramphenicol",   0),
    Substance("malachite_green", V, "孔雀石绿",   "Malachite green",   0),
    Substance("nitrofurans",     V, "硝基呋喃类", "Nitrofurans",       0),
)}
# Substances banned for food of a destination (ISO country code → substance codes).
BANNED_BY_DESTINATION: dict[str, frozenset[str]] = {
    "HK": frozenset({"chloramphenicol", "malachite_green", "nitrofurans", "omethoate"}),
    "MO": frozenset({"chloramphenicol", "malachite_green", "nitrofurans", "omethoate"}),
    "JP": frozenset({"chloramphenicol", "malachite_green", "nitrofurans", "carbendazim"}),
    "KR": frozenset({"chloramphenicol", "malachite_green", "nitrofurans"}),
    "US": frozenset({"chloramphenicol", "malachite_green", "nitrofurans", "enrofloxacin"}),
    "DE": frozenset({"chloramphenicol", "malachite_green", "nitrofurans", "chlorpyrifos", "carbendazim"}),
    "FR": frozenset({"chloramphenicol", "malachite_green", "nitrofurans", "chlorpyrifos", "carbendazim"}),
    "NL": frozenset({"chloramphenicol", "malachite_green", "nitrofurans", "chlorpyrifos", "carbendazim"}),
    "GB": frozenset({"chloramphenicol", "malachite_green", "nitrofurans", "chlorpyrifos"}),
}
# fmt: on
# Destinations whose goods are loaded under supervision (供港澳 goods are loaded batch by batch under 监装).
SUPERVISED_LOADING_DESTINATIONS = frozenset({"HK", "MO"})
UNKNOWN = _("Unknown substance: choose one from the list.")


def substance_choices(kind: str = "") -> list[tuple[str, str]]:
    return [(s.code, f"{s.name_zh} {s.name_en}") for s in SUBSTANCES.values() if not kind or s.kind == kind]


def substance_name(code: str) -> str:
    found = SUBSTANCES.get(code)
    return found.name_zh if found else code


def banned_for(country_code: str) -> frozenset[str]:
    return BANNED_BY_DESTINATION.get(country_code or "", frozenset())
