"""How a declaration's channel is decided. Pure reading: services/decisions.py stores the result.

1. Hard rules (checked per line) force inspection + sampling: a suspended or revoked production base, no
   market access, a registered base required but none named.
2. Rule profiles whose conditions all hold apply to their percentage of declarations (deterministic draw).
3. Control measures in force with consignments left send the declaration to inspection + sampling.
4. Floors registered by other apps (hooks.register_floor) apply as mandatory minimums, drawn the same way.
5. The frequency level of the origin × commodity group asks for physical inspection of its share.
6. The random control group: `random_rate` of declarations, drawn independently of everything else.
7. The live model's calibrated score selects physical inspection above the port's threshold, while the
   day's model selections stay within the port's capacity (everything above is never dropped).
8. Nothing applies: plant and animal products get a document check, anything else is released.
The strongest channel wins. What inspectors and declarants see (`reasons`, `instruction`) never names a
rule, a criterion or the random draw; `explanation` keeps all of that for analysts.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.catalog import selectors as catalog_selectors
from guomen.registry.choices import BaseStatus

from . import features, hooks, lookup, runtime
from .choices import CHANNEL_STRENGTH, INSPECTION_CHANNELS, LEVEL_RATES, Channel, strongest
from .draws import drawn
from .models import ControlMeasure, PortCapacity, PortDayLoad, RuleProfile, TargetingSettings
from .reasons import make_reason, make_warning
from .selectors.measures import measure_matches
from .snapshot import snapshot

PLANT_ANIMAL_CHAPTERS = frozenset(f"{n:02d}" for n in range(1, 25))
PHYSICAL = frozenset({Channel.PHYSICAL, Channel.PHYSICAL_SAMPLING})
DEFAULT_INSTRUCTIONS = {
    Channel.DOCUMENT: _("Check the certificates and documents against the declaration."),
    Channel.PHYSICAL: _("Open and examine the consignment against the declaration and its certificates."),
    Channel.PHYSICAL_SAMPLING: _(
        "Open and examine the consignment, and take samples for laboratory testing."
    ),
}


@dataclass
class Evaluation:
    channel: str
    reasons: list[dict]
    instruction: str
    explanation: dict
    warnings: list[dict] = field(default_factory=list)
    score: float | None = None
    model: object = None
    random_control: bool = False
    mandatory: bool = False
    model_selected: bool = False
    measures: list = field(default_factory=list)
    decided_by: str = "rules"


def facts_for(declaration, *, at: dt.datetime | None = None) -> features.Facts:
    recorded = getattr(declaration, "recorded_lines", None)  # set by intake on the declaration it just wrote
    lines = lookup.lines_from(recorded) if recorded is not None else lookup.lines_of(declaration.pk)
    at = at or declaration.submitted_at or timezone.now()
    facts = features.Facts(
        declaration=declaration,
        number=declaration.number,
        at=at,
        today=timezone.localtime(at).date(),
        direction=declaration.direction,
        origin_id=declaration.origin_country_id,
        port=declaration.port,
        transport=declaration.transport,
        declarant=declaration.declarant,
        consignee=declaration.consignee,
        lines=lines,
        hs_codes=[line.hs_id for line in lines],
        group_ids={line.group_id for line in lines if line.group_id},
        bases=list({b.pk: b for line in lines for b in line.bases}.values()),
        snap=snapshot(),
    )
    features.load_stats(facts)
    return facts


# --- conditions of a rule profile ---------------------------------------------------------------


def rule_applies(rule: RuleProfile, facts: features.Facts) -> bool:
    """Every condition the rule sets holds for the declaration (validity dates included)."""
    if rule.valid_from and facts.today < rule.valid_from:
        return False
    if rule.valid_to and facts.today > rule.valid_to:
        return False
    checks = (
        (rule.direction, lambda: rule.direction == facts.direction),
        (rule.origin_id, lambda: rule.origin_id == facts.origin_id),
        (rule.hs_prefix, lambda: any(c.startswith(rule.hs_prefix) for c in facts.hs_codes)),
        (rule.commodity_group_id, lambda: rule.commodity_group_id in facts.group_ids),
        (rule.declarant_id, lambda: rule.declarant_id == facts.declarant.pk),
        (rule.consignee_id, lambda: facts.consignee is not None and rule.consignee_id == facts.consignee.pk),
        (rule.production_base_id, lambda: rule.production_base_id in facts.base_ids),
        (rule.credit_grades, lambda: facts.trader.credit_grade in rule.credit_grades),
        (rule.enterprise_classes, lambda: facts.trader.classification in rule.enterprise_classes),
        (rule.transport, lambda: rule.transport == facts.transport),
        (rule.port_id, lambda: rule.port_id is not None and facts.port.path.startswith(rule.port.path)),
        (rule.unit_value_anomaly, lambda: facts.unit_value_anomaly),
        (rule.weight_anomaly, lambda: facts.weight_anomaly),
    )
    return all(check() for condition, check in checks if condition)


def active_rules(facts: features.Facts) -> list[RuleProfile]:
    """Checked on every decision (snapshot stamp), so an analyst's change applies to the next declaration."""
    return facts.snap.rules


# --- hard rules ---------------------------------------------------------------------------------


def _registered_for(base, hs_code: str, origin_id: str, commodities: list[str]) -> bool:
    if base.status != BaseStatus.ACTIVE or base.country_id != origin_id:
        return False
    return any(hs_code.startswith(code) or code.startswith(hs_code[:6]) for code in commodities)


def _requirement_notes(requirement) -> list[str]:
    notes = []
    pests = [
        f"{p.name_zh} ({p.scientific_name})" if p.scientific_name else p.name_zh
        for p in requirement.pests.all()
    ]
    if pests:
        notes.append(_("Look for quarantine pests: %(pests)s.") % {"pests": "、".join(pests)})
    if requirement.required_treatment:
        notes.append(_("Required treatment: %(treatment)s.") % {"treatment": requirement.required_treatment})
    if requirement.marking:
        notes.append(_("Check the marking “%(marking)s”.") % {"marking": requirement.marking})
    return notes


def hard_rules(facts: features.Facts) -> tuple[list[dict], list[str]]:
    """Reasons that force inspection + sampling, and what the inspector must check for each line."""
    reasons, notes = [], []
    origin = facts.declaration.origin_country
    commodities = None  # the bases' registered commodities, read only when a requirement asks for them
    for line in facts.lines:
        for base in line.bases:
            if base.status == BaseStatus.SUSPENDED:
                reasons.append(make_reason("base_suspended", line=line.line_no, code=base.code))
            elif base.status == BaseStatus.REVOKED:
                reasons.append(make_reason("base_revoked", line=line.line_no, code=base.code))
        requirement = facts.snap.remember(
            ("requirement", line.hs_id, origin.code),
            lambda line=line: catalog_selectors.import_requirement_for(hs=line.hs_id, origin=origin),
        )
        if requirement is None:
            continue
        params = {"line": line.line_no, "hs": line.hs_id, "origin": origin.display_name}
        if not requirement.access_granted:
            reasons.append(make_reason("no_access", **params))
        elif requirement.registered_base_required:
            if commodities is None:
                commodities = facts.snap.base_commodities(facts.base_ids)
            if not any(_registered_for(b, line.hs_id, origin.code, commodities[b.pk]) for b in line.bases):
                reasons.append(make_reason("unregistered_base", **params))
        for note in _requirement_notes(requirement):
            if note not in notes:
                notes.append(note)
    return reasons, notes


def _default(facts: features.Facts) -> tuple[str, dict]:
    chapters = sorted({code[:2] for code in facts.hs_codes} & PLANT_ANIMAL_CHAPTERS)
    if chapters:
        return Channel.DOCUMENT, make_reason("default_plant_animal", chapter=", ".join(chapters))
    return Channel.RELEASE, make_reason("default_release")


# --- the decision -------------------------------------------------------------------------------


def engine_settings(snap=None) -> TargetingSettings:
    """The settings row; without one there is no random control group until an analyst sets its rate."""
    return (snap or snapshot()).settings


class Collector:
    def __init__(self):
        self.candidates: list[tuple[str, dict, bool]] = []  # channel, public reason, mandatory
        self.instructions: list[str] = []
        self.explanation: dict = {"rules": [], "measures": [], "floors": [], "level": None}
        self.warnings: list[dict] = []
        self.sampling_instructed = False

    def add(self, channel: str, reason: dict, *, mandatory: bool = True, instruction: str = ""):
        self.candidates.append((channel, reason, mandatory))
        if instruction and instruction not in self.instructions:
            self.instructions.append(instruction)
            self.sampling_instructed |= channel == Channel.PHYSICAL_SAMPLING


def _rules(facts, out: Collector) -> None:
    for rule in active_rules(facts):
        if not rule_applies(rule, facts):
            continue
        hit = drawn(facts.number, f"rule:{rule.pk}", rule.percentage / 100.0)
        out.explanation["rules"].append(
            {
                "id": rule.pk,
                "name": rule.name,
                "channel": rule.channel,
                "percentage": rule.percentage,
                "drawn": hit,
            }
        )
        if hit:
            out.add(rule.channel, make_reason("rule", channel=rule.channel), instruction=rule.instruction)


def _measures(facts, out: Collector, ev: Evaluation) -> None:
    facts_kw = {
        "origin_id": facts.origin_id,
        "enterprise_ids": {e.pk for e in (facts.declarant, facts.consignee) if e is not None},
        "base_ids": facts.base_ids,
        "hs_codes": facts.hs_codes,
        "group_ids": facts.group_ids,
        "today": facts.today,
    }
    ids = [m.pk for m in facts.snap.measures if measure_matches(m, **facts_kw)]
    # the consignments left change with every routing: read the matching rows as they are now
    found = list(ControlMeasure.objects.filter(pk__in=ids).order_by("id")) if ids else []
    for measure in found:
        routes = measure.remaining > 0
        out.explanation["measures"].append(
            {
                "id": measure.pk,
                "scope": measure.scope,
                "target": measure.target_label,
                "remaining": max(0, measure.remaining - 1),
                "routed": routes,
            }
        )
        if routes:
            ev.measures.append(measure)
            out.add(Channel.PHYSICAL_SAMPLING, make_reason("measure", channel=Channel.PHYSICAL_SAMPLING))


def _floors(facts, out: Collector) -> None:
    for fn in hooks.registered_floors():
        try:
            floors = list(fn(facts.declaration) or [])
        except Exception as exc:
            out.warnings.append(make_warning("floor_failed", name=getattr(fn, "__name__", "?"), error=exc))
            continue
        for floor in floors:
            hit = drawn(facts.number, f"floor:{floor.code}", floor.rate)
            out.explanation["floors"].append(
                {
                    "code": floor.code,
                    "text": floor.text,
                    "params": floor.params,
                    "channel": floor.channel,
                    "rate": floor.rate,
                    "drawn": hit,
                }
            )
            if hit:
                out.add(floor.channel, make_reason("targeting", channel=floor.channel))


def _level(facts, out: Collector) -> None:
    group = facts.main_group
    if not group:
        return
    row = facts.snap.levels.get((facts.origin_id, group))
    if row is None or row.level == 0:
        return
    rate = LEVEL_RATES[min(row.level, len(LEVEL_RATES) - 1)]
    hit = drawn(facts.number, "level", rate)
    out.explanation["level"] = {
        "origin": facts.origin_id,
        "group": group,
        "level": row.level,
        "rate": rate,
        "drawn": hit,
    }
    if hit:
        out.add(Channel.PHYSICAL, make_reason("targeting", channel=Channel.PHYSICAL))


def _capacity(facts, config: TargetingSettings) -> tuple[float, PortCapacity | None]:
    cap = facts.snap.capacities.get(facts.port.pk)
    share = cap.physical_share if cap is not None else config.default_capacity
    return share, cap


def _model(facts, out: Collector, ev: Evaluation, config: TargetingSettings, mandatory: bool) -> None:
    try:
        loaded = runtime.live_model(facts.snap.live)
    except runtime.ModelUnavailable as exc:
        out.warnings.append(make_warning("model_unusable", error=exc))
        out.warnings.append(make_warning("no_live_model"))
        return
    if loaded is None:
        out.warnings.append(make_warning("no_live_model"))
        return
    values = features.feature_values(facts)
    scored = loaded.score(values)
    for name in scored.unseen:
        out.warnings.append(make_warning("unknown_code", feature=name, value=values.get(name)))
    ev.score, ev.model = scored.probability, loaded.row
    ev.decided_by = f"rules+model:{loaded.row.name}"
    share, cap = _capacity(facts, config)
    mandatory_share = cap.mandatory_share if cap is not None else 0.0
    target = max(0.0, share - mandatory_share) / max(1e-9, 1.0 - mandatory_share)
    from .learner import threshold_for_share  # loaded with the model (server start), not at import

    threshold = threshold_for_share(loaded.meta, target)
    wanted = not mandatory and scored.probability >= threshold
    selected = False
    capacity = {"share": share}
    if wanted:  # only then does the day's load at the port matter
        load = PortDayLoad.objects.filter(port_id=facts.port.pk, day=facts.today).first()
        decided = (load.decided if load else 0) + 1
        expected = max(decided, cap.expected_daily if cap is not None else 0)
        budget = share * expected - (load.mandatory if load else 0)
        used = load.model_selected if load else 0
        selected = used < budget
        capacity |= {"budget": round(budget, 2), "used": used, "held_back": not selected}
    out.explanation["model"] = {
        "version": loaded.row.name,
        "score": round(scored.probability, 5),
        "threshold": round(threshold, 5) if math.isfinite(threshold) else None,
        "contributions": scored.contributions,
        "selected": selected,
    }
    out.explanation["capacity"] = capacity
    if selected:
        ev.model_selected = True
        channel = (
            Channel.PHYSICAL_SAMPLING if scored.probability >= config.sampling_score else Channel.PHYSICAL
        )
        out.add(channel, make_reason("targeting", channel=channel), mandatory=False)


def evaluate(facts: features.Facts) -> Evaluation:
    config = engine_settings(facts.snap)
    out = Collector()
    ev = Evaluation(channel=Channel.RELEASE, reasons=[], instruction="", explanation=out.explanation)
    hard, notes = hard_rules(facts)
    for reason in hard:
        out.add(Channel.PHYSICAL_SAMPLING, reason)
    _rules(facts, out)
    _measures(facts, out, ev)
    _floors(facts, out)
    _level(facts, out)
    ev.random_control = drawn(facts.number, "random", config.random_rate)
    out.explanation["random"] = ev.random_control
    if ev.random_control:
        out.add(Channel.PHYSICAL, make_reason("targeting", channel=Channel.PHYSICAL))
    ev.mandatory = any(c in PHYSICAL and m for c, _r, m in out.candidates)
    _model(facts, out, ev, config, ev.mandatory)
    if not any(c in INSPECTION_CHANNELS for c, _r, _m in out.candidates):
        out.candidates.append((*_default(facts), False))
    ev.channel = strongest(c for c, _r, _m in out.candidates)
    ordered = sorted(out.candidates, key=lambda item: -CHANNEL_STRENGTH[item[0]])
    seen, reasons = set(), []
    for _c, reason, _m in ordered:  # the same public reason once
        key = (reason["code"], reason["text"])
        if key not in seen:
            seen.add(key)
            reasons.append(reason)
    ev.reasons = reasons
    ev.warnings = out.warnings
    ev.instruction = _instruction(ev.channel, out, hard, notes)
    return ev


def _instruction(channel: str, out: Collector, hard: list[dict], notes: list[str]) -> str:
    if channel == Channel.RELEASE:
        return ""
    parts = list(out.instructions)
    if channel == Channel.PHYSICAL_SAMPLING and parts and not hard and not out.sampling_instructed:
        parts.append(str(DEFAULT_INSTRUCTIONS[channel]))
    if hard:
        parts.append(_("Inspect and take samples: %(why)s") % {"why": " ".join(r["text"] for r in hard)})
    parts += [n for n in notes if n not in parts]
    if not parts:
        parts.append(str(DEFAULT_INSTRUCTIONS[channel]))
    return "\n".join(parts)
