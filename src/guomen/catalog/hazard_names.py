"""Hazard names: the maintained list of Chinese names (data/hazard-names-zh.csv, from the national standards
named in its `source` column: GB 2763 pesticides, GB 31650 veterinary drugs, GB 29921 pathogens, GB 2761/2762
contaminants, GB 2760 additives, GB 7718 labelling, the list of quarantine pests), the normalised key under which
foreign spellings are compared, and the suggested matches the review queue offers for a hazard."""

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from stdnum import casrn

NAMES_FILE = Path(__file__).resolve().parent / "data" / "hazard-names-zh.csv"
CAS_IN_TEXT = re.compile(r"\b(\d{2,7}-\d{2}-\d)\b")
QUALIFIERS = re.compile(r"\b(spp?|species|sp)\b\.?")
MIN_SIMILARITY = 0.72


@dataclass(frozen=True)
class KnownName:
    name_en: str
    name_zh: str
    kind: str
    cas: str
    source: str


@dataclass(frozen=True)
class Suggestion:
    hazard_id: int
    score: float  # 0–1: how close the names are, not a verdict
    reason: str  # "same name", "same CAS number", "same Chinese name", "similar name"


def hazard_key(text: str) -> str:
    """The comparable form of a hazard name: width- and case-folded, qualifiers (spp.) and punctuation dropped."""
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    text = QUALIFIERS.sub(" ", text)
    text = re.sub(r"[\s\-_,;:.·/()\[\]'\"]+", " ", text)
    return text.strip()


def cas_in(text: str) -> str:
    """A valid CAS registry number written in the text, or ''."""
    for candidate in CAS_IN_TEXT.findall(str(text or "")):
        if casrn.is_valid(candidate):
            return casrn.compact(candidate)
    return ""


@cache
def known_names() -> dict[str, KnownName]:
    with NAMES_FILE.open(encoding="utf-8") as handle:
        rows = [KnownName(**row) for row in csv.DictReader(handle)]
    return {hazard_key(row.name_en): row for row in rows}


def known_name(text: str) -> KnownName | None:
    """The maintained Chinese name of a substance or organism named in English (or by its CAS number)."""
    names = known_names()
    found = names.get(hazard_key(text))
    if found is None and (cas := cas_in(text)):
        found = next((n for n in names.values() if n.cas == cas), None)
    return found


def suggestions(hazard, reviewed, *, limit: int = 3) -> list[Suggestion]:
    """Reviewed hazards that may be the same as `hazard`, best first. `reviewed` yields
    (id, name_zh, name_en, scientific_name, cas_number, synonym keys)."""
    keys = {hazard_key(t) for t in (hazard.name_en, hazard.scientific_name) if t} - {""}
    cas = hazard.cas_number or cas_in(hazard.name_en)
    known = known_name(hazard.name_en)
    found: dict[int, Suggestion] = {}

    def offer(pk: int, score: float, reason: str) -> None:
        if pk not in found or found[pk].score < score:
            found[pk] = Suggestion(pk, round(score, 2), reason)

    for pk, name_zh, name_en, scientific, other_cas, synonym_keys in reviewed:
        if pk == hazard.pk:
            continue
        theirs = {hazard_key(t) for t in (name_en, scientific) if t} | set(synonym_keys)
        if keys & theirs:
            offer(pk, 1.0, "same name")
        elif cas and other_cas == cas:
            offer(pk, 1.0, "same CAS number")
        elif known and name_zh == known.name_zh:
            offer(pk, 0.95, "same Chinese name")
        else:
            best = max(
                (difflib.SequenceMatcher(None, a, b).ratio() for a in keys for b in theirs if a and b),
                default=0.0,
            )
            if best >= MIN_SIMILARITY:
                offer(pk, best, "similar name")
    return sorted(found.values(), key=lambda s: (-s.score, s.hazard_id))[:limit]
