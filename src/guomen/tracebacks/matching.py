"""The matcher: which exporters (and which of their export declarations) a foreign notification may be about.

Every China-origin notification is compared with the export declarations of the bureau (direction export, not
cancelled) loaded once into an in-memory index: commodity group, HS code, departure date against the
notification date, destination against the notifying country, the exporter's name or credit code in the
notification's text, and declaration or certificate numbers quoted in it. Each candidate gets a score (0–100)
with the evidence that earned each point, so an analyst sees why it is offered. It is a score, not a finding.

Certificate numbers: an app that issues export certificates registers a lookup with
`register_number_source(fn)`, where `fn(numbers: set[str]) -> dict[str, int]` maps each number it knows to the
id of the export declaration the certificate was issued for. Quoted numbers are matched exactly.
"""

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from guomen.declarations.choices import DeclarationStatus, Direction
from guomen.declarations.models import Declaration, DeclarationLine
from guomen.registry.choices import EnterpriseKind
from guomen.registry.models import Enterprise

WINDOW_DAYS = 120  # shipments that left up to this long before the notification
TRANSIT_DAYS = 45  # typical time from departure to a border check abroad
NEAR_DAYS = 30  # within this of the typical departure date counts as near
MIN_SCORE = 30
MAX_CANDIDATES = 5
POINTS = {
    "number": 60,
    "uscc": 50,
    "name": 40,
    "group": 25,
    "hs6": 20,
    "hs4": 12,
    "date_near": 15,
    "date_window": 8,
    "destination": 10,
    "volume": 10,
}
NUMBER_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/]{5,39}")
USCC_RE = re.compile(r"\b[0-9A-HJ-NPQRTUWXY]{18}\b")

NumberSource = Callable[[set[str]], dict[str, int]]
NUMBER_SOURCES: list[NumberSource] = []


def register_number_source(fn: NumberSource) -> None:
    """Let another app resolve quoted numbers (e.g. export certificate numbers) to export declaration ids."""
    if fn not in NUMBER_SOURCES:
        NUMBER_SOURCES.append(fn)


def declaration_numbers(numbers: set[str]) -> dict[str, int]:
    """Export declaration numbers among `numbers` → declaration id."""
    if not numbers:
        return {}
    return dict(
        Declaration.objects.filter(number__in=numbers, direction=Direction.EXPORT)
        .exclude(status=DeclarationStatus.CANCELLED)
        .values_list("number", "id")
    )


@dataclass(frozen=True)
class Facts:
    """What the matcher reads of a notification (a TraceNotification or anything shaped like it)."""

    key: int
    notified_on: dt.date
    text: str  # subject, product, operators and quoted numbers, as notified
    group: str | None = None
    hs: str = ""
    country: str | None = None  # the notifying country (ISO code)
    numbers: tuple[str, ...] = ()


@dataclass
class Candidate:
    enterprise_id: int
    declaration_id: int | None
    org_id: int
    score: int
    evidence: list[dict] = field(default_factory=list)


@dataclass
class _Shipment:
    id: int
    day: int  # ordinal of the departure date
    destination: str | None
    port_id: int
    hs: tuple[str, ...]


def facts_of(notification) -> Facts:
    quoted = tuple(t for t in re.split(r"[\s,;，；、]+", notification.numbers or "") if t)
    text = " ".join(
        x
        for x in (notification.subject, notification.product, notification.operator, notification.numbers)
        if x
    )
    return Facts(
        key=notification.pk,
        notified_on=notification.notified_on,
        text=text,
        group=notification.commodity_group_id,
        hs=(notification.hs_code or "").replace(".", ""),
        country=notification.notifying_country_id,
        numbers=quoted,
    )


class ExportIndex:
    """The bureau's exports between two dates, indexed by commodity group and exporter (one query for the
    lines, one for the exporters)."""

    def __init__(self, start: dt.date, end: dt.date, also: Iterable[int] = ()):
        self.shipments: dict[int, _Shipment] = {}
        self.groups: dict[int, set[str]] = defaultdict(set)
        rows = (
            DeclarationLine.objects.filter(declaration__direction=Direction.EXPORT)
            .filter(
                Q(declaration__arrival_date__gte=start, declaration__arrival_date__lte=end)
                | Q(declaration_id__in=list(also))
            )
            .exclude(declaration__status=DeclarationStatus.CANCELLED)
            .values_list(
                "declaration_id",
                "declaration__declarant_id",
                "declaration__arrival_date",
                "declaration__destination_country_id",
                "declaration__port_id",
                "hs__group_id",
                "hs_id",
            )
        )
        by_group: dict[str | None, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
        self.owner: dict[int, int] = {}
        for decl, ent, day, dest, port, group, hs in rows.iterator(chunk_size=5000):
            shipment = self.shipments.get(decl)
            if shipment is None:
                shipment = _Shipment(decl, day.toordinal(), dest, port, ())
                self.shipments[decl] = shipment
                self.owner[decl] = ent
            shipment.hs = (*shipment.hs, str(hs or ""))
            if group not in self.groups[decl]:
                self.groups[decl].add(group)
                by_group[group][ent].append((shipment.day, decl))
        # per group: exporter → (sorted days, declaration ids)
        self.by_group: dict[str | None, dict[int, tuple[list[int], list[int]]]] = {}
        for group, exporters in by_group.items():
            self.by_group[group] = {}
            for ent, pairs in exporters.items():
                pairs.sort()
                self.by_group[group][ent] = ([d for d, _i in pairs], [i for _d, i in pairs])
        ids = {e for exporters in by_group.values() for e in exporters}
        self.exporters = {
            e["id"]: e
            for e in Enterprise.objects.filter(Q(pk__in=ids) | Q(kind=EnterpriseKind.EXPORTER)).values(
                "id", "uscc", "name_zh", "name_en", "org_id"
            )
        }
        self.names = [
            (e["id"], name.lower())
            for e in self.exporters.values()
            for name in (e["name_zh"], e["name_en"])
            if name and len(name) >= 4
        ]


def _nearest(days: list[int], ids: list[int], lo: int, hi: int, target: int) -> int:
    """The declaration id of the shipment in days[lo:hi] nearest to target."""
    i = bisect.bisect_left(days, target, lo, hi)
    best = None
    for j in (i - 1, i):
        if lo <= j < hi and (best is None or abs(days[j] - target) < abs(days[best] - target)):
            best = j
    return ids[best]


def _ev(kind: str, detail: str, points: int | None = None) -> dict:
    return {"field": kind, "detail": detail, "points": POINTS[kind] if points is None else points}


def match_one(facts: Facts, index: ExportIndex, numbers: dict[str, int]) -> list[Candidate]:
    """Score the exporters for one notification; the best few at or above MIN_SCORE, best first."""
    text = facts.text.lower()
    found: dict[int, list[dict]] = defaultdict(list)
    pinned: dict[int, int] = {}  # exporter → declaration named by a quoted number
    for token in set(NUMBER_RE.findall(facts.text)) | set(facts.numbers):
        decl = numbers.get(token)
        if decl is not None and decl in index.owner:
            ent = index.owner[decl]
            pinned[ent] = decl
            found[ent].append(_ev("number", _("number %(n)s quoted in the notification") % {"n": token}))
    for uscc in set(USCC_RE.findall(facts.text.upper())):
        for ent, e in index.exporters.items():
            if e["uscc"] == uscc:
                found[ent].append(_ev("uscc", _("credit code %(c)s named") % {"c": uscc}))
    for ent, name in index.names:
        if name in text and not any(x["field"] == "name" for x in found[ent]):
            found[ent].append(_ev("name", _("exporter name “%(n)s” named") % {"n": name}))
    day = facts.notified_on.toordinal()
    start, target = day - WINDOW_DAYS, day - TRANSIT_DAYS
    exporters = index.by_group.get(facts.group, {}) if facts.group else {}
    windows = {}
    for ent, (days, _ids) in exporters.items():
        lo, hi = bisect.bisect_left(days, start), bisect.bisect_right(days, day)
        if hi > lo:
            windows[ent] = (lo, hi)
    in_window = sum(hi - lo for lo, hi in windows.values()) or 1
    out = []
    for ent in set(windows) | {e for e, ev in found.items() if ev}:
        evidence = list(found.get(ent, ()))
        decl = pinned.get(ent)
        if ent in windows:
            days, ids = exporters[ent]
            lo, hi = windows[ent]
            decl = decl or _nearest(days, ids, lo, hi, target)
            evidence.append(_ev("group", _("exports of the notified commodity group")))
            share = round(POINTS["volume"] * (hi - lo) / in_window)
            if share:
                evidence.append(
                    _ev(
                        "volume",
                        _("%(n)d such shipments in the %(d)d days before") % {"n": hi - lo, "d": WINDOW_DAYS},
                        share,
                    )
                )
        elif decl is None:
            decl = _latest_before(index, ent, day)
        shipment = index.shipments.get(decl) if decl else None
        if shipment is not None:
            gap = abs(shipment.day - target)
            if start <= shipment.day <= day:
                kind = "date_near" if gap <= NEAR_DAYS else "date_window"
                evidence.append(
                    _ev(kind, _("left %(n)d days before the notification") % {"n": day - shipment.day})
                )
            if facts.hs and shipment.hs:
                if any(h.startswith(facts.hs[:6]) for h in shipment.hs) and len(facts.hs) >= 6:
                    evidence.append(_ev("hs6", _("same HS subheading %(hs)s") % {"hs": facts.hs[:6]}))
                elif any(h.startswith(facts.hs[:4]) for h in shipment.hs):
                    evidence.append(_ev("hs4", _("same HS heading %(hs)s") % {"hs": facts.hs[:4]}))
            if facts.country and shipment.destination == facts.country:
                evidence.append(_ev("destination", _("destination is the notifying country")))
        score = min(100, sum(e["points"] for e in evidence))
        if score < MIN_SCORE:
            continue
        org = shipment.port_id if shipment is not None else index.exporters[ent]["org_id"]
        out.append(Candidate(ent, decl, org, score, evidence))
    out.sort(key=lambda c: (-c.score, c.enterprise_id))
    return out[:MAX_CANDIDATES]


def _latest_before(index: ExportIndex, ent: int, day: int) -> int | None:
    best = None
    for exporters in index.by_group.values():
        pair = exporters.get(ent)
        if pair:
            days, ids = pair
            i = bisect.bisect_right(days, day) - 1
            if i >= 0 and (best is None or days[i] > best[0]):
                best = (days[i], ids[i])
    return best[1] if best else None


def match_all(facts: Iterable[Facts]) -> dict[int, list[Candidate]]:
    """Candidates for many notifications at once: one index over the span of their dates."""
    facts = list(facts)
    if not facts:
        return {}
    start = min(f.notified_on for f in facts) - dt.timedelta(days=WINDOW_DAYS)
    end = max(f.notified_on for f in facts)
    tokens = set()
    for f in facts:
        tokens |= set(NUMBER_RE.findall(f.text)) | set(f.numbers)
    numbers = declaration_numbers(tokens)
    for source in NUMBER_SOURCES:
        numbers.update(source(tokens))
    index = ExportIndex(start, end, also=set(numbers.values()))
    return {f.key: match_one(f, index, numbers) for f in facts}
