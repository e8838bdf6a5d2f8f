"""Loading reference data (HS 2022, commodity groups, countries, national codes) idempotently.

Each loader compares what the files say with what the tables hold and writes only the
difference with bulk operations, so a second run changes nothing and finishes quickly.
"""

import csv
import gettext
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from django.conf import settings
from django.db import transaction

from .choices import HsLevel
from .models import CommodityGroup, Country, HsCode

DATA_DIR = Path(__file__).resolve().parent / "data"
GROUPS_CSV = DATA_DIR / "commodity-groups.csv"
NATIONAL_CSV = DATA_DIR / "national-codes.csv"
CHAPTERS_ZH_CSV = DATA_DIR / "hs-chapters-zh.csv"

# Names used in Chinese official usage where pycountry's catalogue differs or is too formal.
COUNTRY_NAME_ZH_OVERRIDES = {
    "HK": "中国香港",
    "MO": "中国澳门",
    "TW": "中国台湾",
    "KR": "韩国",
    "KP": "朝鲜",
    "IR": "伊朗",
    "BO": "玻利维亚",
    "VE": "委内瑞拉",
    "LA": "老挝",
    "SY": "叙利亚",
    "MD": "摩尔多瓦",
    "TZ": "坦桑尼亚",
}


def default_hs_csv() -> Path:
    return Path(settings.PROJECT_DIR) / "data" / "hs" / "harmonized-system.csv"


@dataclass
class LoadStats:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, created: int, updated: int) -> None:
        self.created[name] = self.created.get(name, 0) + created
        self.updated[name] = self.updated.get(name, 0) + updated

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def lines(self) -> list[str]:
        return [f"{n}: {self.created[n]} created, {self.updated.get(n, 0)} updated" for n in self.created]


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _sync(model, desired: dict[str, dict], fields: list[str]) -> tuple[int, int]:
    """Create missing rows and update differing ones (by primary key); never delete."""
    existing = model.objects.in_bulk(list(desired))
    to_create, to_update = [], []
    for pk, values in desired.items():
        row = existing.get(pk)
        if row is None:
            to_create.append(model(pk=pk, **values))
            continue
        if any(getattr(row, f) != values[f] for f in fields):
            for f in fields:
                setattr(row, f, values[f])
            to_update.append(row)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=1000)
    return len(to_create), len(to_update)


def longest_prefix_group(code: str, prefixes: dict[str, str]) -> str | None:
    for length in range(len(code), 1, -1):
        group = prefixes.get(code[:length])
        if group:
            return group
    return None


def load_groups() -> tuple[dict[str, str], tuple[int, int]]:
    desired = {}
    prefixes: dict[str, str] = {}
    for row in _read_csv(GROUPS_CSV):
        codes = row["hs_prefixes"].split()
        desired[row["code"]] = {"name_zh": row["name_zh"], "name_en": row["name_en"], "hs_prefixes": codes}
        for prefix in codes:
            prefixes[prefix] = row["code"]
    return prefixes, _sync(CommodityGroup, desired, ["name_zh", "name_en", "hs_prefixes"])


def load_hs(hs_csv: Path, prefixes: dict[str, str]) -> tuple[int, int]:
    national = _read_csv(NATIONAL_CSV)
    names_zh = {r["code"]: r["name_zh"] for r in [*_read_csv(CHAPTERS_ZH_CSV), *national]}
    desired: dict[str, dict] = {}
    for row in _read_csv(hs_csv):
        code = row["hscode"].strip()
        parent = row["parent"].strip()
        if row["section"].strip() == "TOTAL" or code.startswith("9999"):
            continue  # trade-statistics totals (99, 9999, 999999, TOTAL), not HS 2022 codes
        desired[code] = {
            "level": int(row["level"]),
            "parent_id": None if parent == "TOTAL" else parent,
            "section": row["section"].strip(),
            "name_en": row["description"].strip(),
            "name_zh": names_zh.get(code, ""),
        }
    for row in national:
        code = row["code"]
        if len(code) != HsLevel.NATIONAL:
            continue
        parent = desired[code[:6]]
        desired[code] = {
            "level": HsLevel.NATIONAL,
            "parent_id": code[:6],
            "section": parent["section"],
            "name_en": row["name_en"],
            "name_zh": row["name_zh"],
        }
    for code, values in desired.items():
        values["group_id"] = longest_prefix_group(code, prefixes)
    fields = ["level", "parent_id", "section", "name_en", "name_zh", "group_id"]
    return _sync(HsCode, desired, fields)


def country_zh_translator():
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])


def load_countries() -> tuple[int, int]:
    zh = country_zh_translator()
    desired = {}
    for c in pycountry.countries:
        name_en = getattr(c, "common_name", None) or c.name
        name_zh = COUNTRY_NAME_ZH_OVERRIDES.get(c.alpha_2) or zh.gettext(c.name)
        if name_zh == c.name:  # untranslated: fall back to the official name's translation
            name_zh = zh.gettext(getattr(c, "official_name", c.name))
        desired[c.alpha_2] = {"alpha3": c.alpha_3, "name_en": name_en, "name_zh": name_zh}
    return _sync(Country, desired, ["alpha3", "name_en", "name_zh"])


@transaction.atomic
def load_catalog(*, hs_csv: Path | None = None) -> LoadStats:
    """Load commodity groups, HS 2022 with national codes, and countries. Safe to re-run."""
    stats = LoadStats()
    prefixes, counts = load_groups()
    stats.add("commodity groups", *counts)
    stats.add("HS codes", *load_hs(hs_csv or default_hs_csv(), prefixes))
    stats.add("countries", *load_countries())
    return stats
