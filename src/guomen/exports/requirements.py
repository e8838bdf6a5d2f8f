"""Catalogue data of the export chain: what a destination demands of a commodity group, as checks the pre-export
inspection adds to its checklist (the MRLs of listed substances for Japan, Korea and the EU, the phytosanitary
inspection of plant products, the 供港澳 requirements), each with the text it comes from.

A row applies to a declaration when its destination is one of the row's and a line's HS code starts with one of
the row's prefixes. `destination_checks` returns them in the order of the table, each once."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .substances import substance_name

# Commodity groups as HS prefixes (chapters or headings).
PLANT = (
    "06",
    "07",
    "08",
    "09",
    "10",
    "12",
    "14",
    "44",
)  # plants, vegetables, fruit, tea/spices, cereals, seeds
ANIMAL = (
    "01",
    "02",
    "03",
    "0407",
    "0409",
    "1601",
    "1602",
    "1604",
    "1605",
)  # animals, meat, fish, eggs, honey
EU = frozenset(
    {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
     "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
)  # fmt: skip
HK_MO = frozenset({"HK", "MO"})
ANY = frozenset()  # every destination
DOC, ID, PHYS = "documentary", "identity", "physical"  # the checklist's kinds (inspections.CheckKind)


@dataclass(frozen=True)
class Requirement:
    code: str
    destinations: frozenset  # ISO codes; empty: every destination
    prefixes: tuple  # HS prefixes of the goods it concerns
    kind: str
    title: object
    hint: object
    source: object
    substances: tuple = ()  # the listed substances whose residues the destination limits


@dataclass(frozen=True)
class DestinationCheck:
    code: str
    kind: str
    title: str
    hint: str
    source: str


MRL_TITLE = gettext_lazy("Residues within the maximum limits of %(destination)s: %(substances)s")
MRL_HINT = gettext_lazy(
    "Sample for residue testing; compare the batches' input records (product, dose, date) with the listed "
    "substances."
)
PLANT_MRL = ("chlorpyrifos", "imidacloprid", "carbendazim", "chlorothalonil", "mancozeb", "omethoate")
ANIMAL_MRL = ("enrofloxacin", "oxytetracycline", "florfenicol", "sulfadiazine", "chloramphenicol")
JP = gettext_lazy(
    "Japan: Positive List System for agricultural chemical residues in foods (ポジティブリスト制度)"
)
KR = gettext_lazy("Korea: Positive List System (PLS) for pesticide and veterinary drug residues")
EU_MRL = gettext_lazy(
    "EU: Regulation (EC) No 396/2005 (pesticides) and Regulation (EU) No 37/2010 (vet. drugs)"
)
PHYTO = gettext_lazy("IPPC ISPM 12 and the importing country's phytosanitary import requirements")
VEG_HK = gettext_lazy("GACC: supervision of vegetables and fruit supplied to Hong Kong and Macao (供港澳)")
ANIMAL_HK = gettext_lazy(
    "GACC: inspection and quarantine of live animals and food supplied to Hong Kong and Macao"
)

# fmt: off
REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("mrl.jp.plant", frozenset({"JP"}), PLANT, PHYS, MRL_TITLE, MRL_HINT, JP, PLANT_MRL),
    Requirement("mrl.jp.animal", frozenset({"JP"}), ANIMAL, PHYS, MRL_TITLE, MRL_HINT, JP, ANIMAL_MRL),
    Requirement("mrl.kr.plant", frozenset({"KR"}), PLANT, PHYS, MRL_TITLE, MRL_HINT, KR, PLANT_MRL),
    Requirement("mrl.kr.animal", frozenset({"KR"}), ANIMAL, PHYS, MRL_TITLE, MRL_HINT, KR, ANIMAL_MRL),
    Requirement("mrl.eu.plant", EU, PLANT, PHYS, MRL_TITLE, MRL_HINT, EU_MRL, PLANT_MRL),
    Requirement("mrl.eu.animal", EU, ANIMAL, PHYS, MRL_TITLE, MRL_HINT, EU_MRL, ANIMAL_MRL),
    Requirement(
        "phyto", ANY, PLANT, PHYS,
        gettext_lazy("Phytosanitary inspection to the destination's requirements: pests, soil, plant debris"),
        gettext_lazy("Free of quarantine pests of the destination; the result goes on the phytosanitary certificate."),
        PHYTO,
    ),
    Requirement(
        "hkmo.label", HK_MO, PLANT, ID,
        gettext_lazy("供港澳: every package labelled with the registered site number and the batch number"),
        gettext_lazy("The site on the label is the registered site of the batch; the label is legible."),
        VEG_HK,
    ),
    Requirement(
        "hkmo.animal", HK_MO, ANIMAL, ID,
        gettext_lazy("供港澳: animals or food from the registered farm, with its quarantine and drug records"),
        gettext_lazy("Ear tags or marks match the registered farm; withdrawal periods observed."),
        ANIMAL_HK,
    ),
    Requirement(
        "hkmo.loading", HK_MO, PLANT + ANIMAL, PHYS,
        gettext_lazy("供港澳: supervised loading (监装), container and seal recorded"),
        gettext_lazy("Load batch by batch under supervision; record the container number, seal and photos."),
        VEG_HK,
    ),
)
# fmt: on


def _applies(row: Requirement, destination: str, hs_codes) -> bool:
    if row.destinations and destination not in row.destinations:
        return False
    return any(code.startswith(row.prefixes) for code in hs_codes)


def destination_checks(destination: str, hs_codes, *, name: str = "") -> list[DestinationCheck]:
    """The checks `destination` (ISO code; `name` as people read it) demands of goods with these HS codes."""
    if not destination:
        return []
    codes = [str(c) for c in hs_codes if c]
    out = []
    for row in REQUIREMENTS:
        if not _applies(row, destination, codes):
            continue
        names = "、".join(substance_name(s) for s in row.substances)
        out.append(
            DestinationCheck(
                code=f"dest.{row.code}",
                kind=row.kind,
                title=str(row.title) % {"destination": name or destination, "substances": names}
                if row.substances
                else str(row.title),
                hint=str(row.hint),
                source=_("Destination requirement: %(source)s") % {"source": row.source},
            )
        )
    return out
