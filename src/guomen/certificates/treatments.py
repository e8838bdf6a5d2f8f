"""The treatments an export went through, as its phytosanitary certificate and ePhyto state them.

A treatment is an inspection task closed with the disposition *treatment* (its kind and the conditions the
supervisor set) whose goods were then marked treated ("treatment done", the audit event
`inspection.treatment_complete`, whose time is the completion date and whose note may give the details). The
chemical, concentration, temperature and duration are read from the conditions and the note when written the way
inspectors write them ("溴甲烷 48 g/m³ 21℃ 24小时", "methyl bromide 48g/m3, 24 h"); what cannot be read stays in
the additional information, never guessed.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from guomen.core.models import AuditEvent
from guomen.inspections.choices import Disposition, TreatmentKind
from guomen.inspections.models import InspectionTask

# English names the ePhyto and the PDF print (TTFT), Chinese names for the PDF
KIND_NAMES = {
    TreatmentKind.FUMIGATION: ("Fumigation", "熏蒸"),
    TreatmentKind.COLD: ("Cold treatment", "冷处理"),
    TreatmentKind.HEAT: ("Heat treatment", "热处理"),
    TreatmentKind.VAPOUR_HEAT: ("Vapour heat treatment", "蒸热处理"),
    TreatmentKind.IRRADIATION: ("Irradiation", "辐照处理"),
    TreatmentKind.OTHER: ("Other treatment", "其他处理"),
}
CHEMICALS = (  # (words inspectors write, English name on the certificate)
    (("溴甲烷", "methyl bromide", "ch3br"), "Methyl bromide"),
    (("磷化铝", "磷化氢", "phosphine", "aluminium phosphide", "aluminum phosphide"), "Phosphine"),
    (("硫酰氟", "sulfuryl fluoride", "sulphuryl fluoride"), "Sulfuryl fluoride"),
    (("环氧乙烷", "ethylene oxide"), "Ethylene oxide"),
    (("氢氰酸", "hydrogen cyanide"), "Hydrogen cyanide"),
)
NUMBER = r"(\d+(?:\.\d+)?)"
TEMPERATURE = re.compile(NUMBER + r"\s*(?:℃|°\s*C|度)")
DURATION = re.compile(NUMBER + r"\s*(?:小时|h\b|hours?\b|hrs?\b)", re.IGNORECASE)
DAYS = re.compile(NUMBER + r"\s*(?:天|日|days?\b)", re.IGNORECASE)
MINUTES = re.compile(NUMBER + r"\s*(?:分钟|min\b|minutes?\b|mins\b)", re.IGNORECASE)
CONCENTRATION = re.compile(NUMBER + r"\s*(?:g|克)\s*/\s*(?:m3|m³|立方米)", re.IGNORECASE)


@dataclass
class Treatment:
    kind: str
    name_en: str
    name_zh: str
    completed_on: str = ""  # ISO date the goods were marked treated
    chemical: str = ""
    concentration: Decimal | None = None  # g/m³
    temperature: Decimal | None = None  # °C
    duration: Decimal | None = None
    duration_unit: str = ""  # UN/ECE Rec 20: HUR hours, MIN minutes
    information: str = ""
    details: list[str] = field(default_factory=list)


def _chemical(text: str) -> str:
    lowered = text.lower()
    return next((name for words, name in CHEMICALS if any(w in lowered for w in words)), "")


def _first(pattern: re.Pattern, text: str) -> Decimal | None:
    found = pattern.search(text)
    return Decimal(found.group(1)) if found else None


def read_treatment(*, kind: str, text: str, completed_on: str = "") -> Treatment:
    """A treatment of `kind` with what its text (conditions and note) says of it."""
    name_en, name_zh = KIND_NAMES.get(kind, KIND_NAMES[TreatmentKind.OTHER])
    duration, unit = _first(DURATION, text), "HUR"
    if duration is None and (days := _first(DAYS, text)) is not None:
        duration = days * 24
    if duration is None and (minutes := _first(MINUTES, text)) is not None:
        duration, unit = minutes, "MIN"
    return Treatment(
        kind=kind or TreatmentKind.OTHER,
        name_en=name_en,
        name_zh=name_zh,
        completed_on=completed_on,
        chemical=_chemical(text),
        concentration=_first(CONCENTRATION, text),
        temperature=_first(TEMPERATURE, text),
        duration=duration,
        duration_unit=unit if duration is not None else "",
        information=" ".join(text.split())[:500],
    )


def treatments_of_declaration(declaration) -> list[Treatment]:
    """The completed treatments of the declaration's inspections, oldest first (two statements; none without
    a treatment order)."""
    tasks = list(
        InspectionTask.objects.filter(declaration_id=declaration.pk, disposition=Disposition.TREATMENT)
        .order_by("id")
        .values_list("pk", "treatment_kind", "conditions")
    )
    if not tasks:
        return []
    done = {}
    events = AuditEvent.objects.filter(
        object_type=InspectionTask._meta.label_lower,
        object_id__in=[str(pk) for pk, _k, _c in tasks],
        verb="inspection.treatment_complete",
    ).order_by("id")
    for object_id, at, reason in events.values_list("object_id", "at", "reason"):
        done[int(object_id)] = (timezone.localdate(at).isoformat(), reason or "")
    out = []
    for pk, kind, conditions in tasks:
        if pk not in done:
            continue
        completed_on, note = done[pk]
        text = "；".join(t.strip() for t in (conditions or "", note) if t and t.strip())
        out.append(read_treatment(kind=kind, text=text, completed_on=completed_on))
    return out
