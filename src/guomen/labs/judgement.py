"""Judging one result: a measured value against the limit for the commodity, or detected / not detected.

Pure functions (apart from the limit lookup) so the rules are easy to read and to test.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from guomen.catalog.choices import HazardKind
from guomen.catalog.models import ResidueLimit

from .choices import Verdict

# Mass fractions, in mg/kg. Spelling variants people type for the same unit map to one key.
MASS_FRACTION_MG_PER_KG = {
    "mg/kg": Decimal("1"),
    "μg/kg": Decimal("0.001"),
    "g/kg": Decimal("1000"),
    "ng/g": Decimal("0.001"),
}
UNIT_ALIASES = {
    "mg/kg": "mg/kg",
    "ppm": "mg/kg",
    "μg/g": "mg/kg",
    "ug/g": "mg/kg",
    "µg/g": "mg/kg",
    "μg/kg": "μg/kg",
    "µg/kg": "μg/kg",
    "ug/kg": "μg/kg",
    "mcg/kg": "μg/kg",
    "ppb": "μg/kg",
    "g/kg": "g/kg",
    "ng/g": "ng/g",
    "cfu/g": "CFU/g",
    "cfu/ml": "CFU/mL",
    "cfu/25g": "CFU/25g",
    "mg/l": "mg/L",
    "μg/l": "μg/L",
    "µg/l": "μg/L",
    "ug/l": "μg/L",
}
# Hazards judged as present / absent (a pest or a pathogen found is non-conforming).
PRESENCE_KINDS = frozenset({HazardKind.QUARANTINE_PEST, HazardKind.MICROBIOLOGICAL})


class UnitMismatch(ValueError):
    pass


def normalise_unit(unit: str) -> str:
    text = (unit or "").strip().replace(" ", "")
    return UNIT_ALIASES.get(text.lower(), text)


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """`value` in `from_unit` expressed in `to_unit`; UnitMismatch when the two cannot be compared."""
    src, dst = normalise_unit(from_unit), normalise_unit(to_unit)
    if src == dst:
        return value
    if src in MASS_FRACTION_MG_PER_KG and dst in MASS_FRACTION_MG_PER_KG:
        return value * MASS_FRACTION_MG_PER_KG[src] / MASS_FRACTION_MG_PER_KG[dst]
    raise UnitMismatch(
        _("A result in %(unit)s cannot be compared with a limit in %(limit)s.")
        % {"unit": from_unit or "—", "limit": to_unit}
    )


def hs_prefixes(code: str) -> list[str]:
    """The code and its ancestors, most specific first: 0810600000, 08106000, 081060, 0810, 08."""
    code = (code or "").strip()
    return [code[:n] for n in (10, 8, 6, 4, 2) if len(code) >= n]


def limit_for(hazard, hs_code: str) -> ResidueLimit | None:
    """The limit of `hazard` for the most specific HS code that covers the commodity."""
    prefixes = hs_prefixes(hs_code)
    if not prefixes:
        return None
    limits = {lim.hs_id: lim for lim in ResidueLimit.objects.filter(hazard=hazard, hs_id__in=prefixes)}
    for prefix in prefixes:
        if prefix in limits:
            return limits[prefix]
    return None


@dataclass
class Judgement:
    verdict: str
    limit: ResidueLimit | None = None
    explanation: str = ""


def judge_value(
    value: Decimal, unit: str, limit: ResidueLimit | None, lod: Decimal | None = None
) -> Judgement:
    """A measured value: above the limit is non-conforming, at or below it conforms; below LOD is not found."""
    if lod is not None and value < lod:
        return Judgement(Verdict.CONFORMING, limit, _("Below the limit of detection."))
    if limit is None:
        return Judgement(Verdict.NO_LIMIT, None, _("No limit on file for this commodity."))
    in_limit_unit = convert(value, unit, limit.unit)
    if in_limit_unit > limit.value:
        return Judgement(
            Verdict.NON_CONFORMING,
            limit,
            _("%(value)s %(unit)s exceeds the limit of %(limit)s %(limit_unit)s.")
            % {
                "value": _plain(in_limit_unit),
                "unit": limit.unit,
                "limit": _plain(limit.value),
                "limit_unit": limit.unit,
            },
        )
    return Judgement(Verdict.CONFORMING, limit, _("Within the limit."))


def judge_presence(detected: bool, hazard, limit: ResidueLimit | None = None) -> Judgement:
    """Pests and pathogens: detected is non-conforming. A residue merely detected is judged by its value."""
    if detected:
        return Judgement(Verdict.NON_CONFORMING, limit, _("Detected."))
    return Judgement(Verdict.CONFORMING, limit, _("Not detected."))


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text
