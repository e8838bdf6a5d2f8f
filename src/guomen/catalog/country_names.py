"""Country names as foreign data writes them → ISO 3166-1 alpha-2 codes.

Names change (Turkey → Türkiye, Swaziland → Eswatini, Czech Republic → Czechia, Macedonia → North Macedonia) and
older exports keep the old ones; codes (alpha-2, alpha-3) and Chinese names are accepted as well. The table below
holds the names pycountry does not know; pycountry supplies the current, common and official names.
"""

import re
import unicodedata

import pycountry

# fmt: off
ALIASES = {
    "turkey": "TR", "republic of turkey": "TR",
    "swaziland": "SZ", "kingdom of swaziland": "SZ",
    "czech republic": "CZ",
    "macedonia": "MK", "fyrom": "MK", "former yugoslav republic of macedonia": "MK",
    "the former yugoslav republic of macedonia": "MK", "republic of macedonia": "MK",
    "ivory coast": "CI", "cape verde": "CV", "burma": "MM", "east timor": "TL",
    "russia": "RU", "south korea": "KR", "korea": "KR", "republic of korea": "KR", "north korea": "KP",
    "vietnam": "VN", "laos": "LA", "syria": "SY", "iran": "IR", "moldova": "MD", "tanzania": "TZ",
    "bolivia": "BO", "venezuela": "VE", "taiwan": "TW", "hong kong": "HK", "macao": "MO", "macau": "MO",
    "brunei": "BN", "the gambia": "GM", "vatican": "VA", "holy see": "VA", "micronesia": "FM",
    "holland": "NL", "the netherlands": "NL", "great britain": "GB", "uk": "GB", "england": "GB",
    "united kingdom (northern ireland)": "GB", "northern ireland": "GB",
    "usa": "US", "united states of america": "US",
    "democratic republic of the congo": "CD", "dr congo": "CD", "congo (kinshasa)": "CD",
    "republic of the congo": "CG", "congo (brazzaville)": "CG",
    "west bank and gaza strip": "PS", "palestine": "PS", "gaza strip": "PS",
    "bonaire": "BQ", "sint eustatius and saba": "BQ", "curacao": "CW",
    "土耳其": "TR", "斯威士兰": "SZ", "埃斯瓦蒂尼": "SZ", "捷克": "CZ", "捷克共和国": "CZ",
    "马其顿": "MK", "北马其顿": "MK", "韩国": "KR", "朝鲜": "KP", "俄罗斯": "RU", "越南": "VN",
    "美国": "US", "英国": "GB", "台湾": "TW", "中国台湾": "TW", "香港": "HK", "中国香港": "HK",
    "澳门": "MO", "中国澳门": "MO", "伊朗": "IR", "叙利亚": "SY", "老挝": "LA", "玻利维亚": "BO",
    "坦桑尼亚": "TZ", "摩尔多瓦": "MD", "委内瑞拉": "VE", "科特迪瓦": "CI", "佛得角": "CV",
    "中国": "CN", "中国大陆": "CN", "荷兰": "NL", "德国": "DE", "法国": "FR", "意大利": "IT", "西班牙": "ES",
}
# fmt: on
# Values that name no country: left empty rather than guessed or queued.
NOT_COUNTRIES = {"", "unknown", "unknown origin", "not known", "kosovo", "infosan", "n/a", "-", "—"}


def name_key(text: str) -> str:
    """Lower case, accents and punctuation variants folded: 'Türkiye' → 'turkiye', 'Côte d’Ivoire' → 'cote d'ivoire'."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


class CountryNames:
    """Resolves many names quickly: every known spelling of every country is loaded once into a dict."""

    def __init__(self, countries: list[tuple[str, str, str, str]], extra: dict[str, str] | None = None):
        """countries: (code, alpha3, name_en, name_zh) rows of the catalogue; extra: analyst-mapped names."""
        self.known = {row[0] for row in countries}
        self.by_key: dict[str, str] = {}
        for code, alpha3, name_en, name_zh in countries:
            for text in (code, alpha3, name_en, name_zh):
                self._add(text, code)
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                self._add(getattr(country, attr, None), country.alpha_2)
        for text, code in ALIASES.items():
            self._add(text, code, override=True)
        for text, code in (extra or {}).items():
            self._add(text, code, override=True)

    def _add(self, text, code: str, *, override: bool = False) -> None:
        key = name_key(text)
        if key and code in self.known and (override or key not in self.by_key):
            self.by_key[key] = code

    def code(self, name: str) -> str | None:
        return self.by_key.get(name_key(name))

    @staticmethod
    def is_country_name(name: str) -> bool:
        return name_key(name) not in NOT_COUNTRIES


def alias_code(text: str) -> str | None:
    """The code of an old or colloquial name in the alias table (Turkey → TR), or None."""
    return ALIASES.get(name_key(text))
