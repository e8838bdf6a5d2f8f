"""Targeting (布控), first version: the simple rule table plus hard rules decide a declaration's channel.

How a decision is made:
1. Every active SimpleRule whose conditions all hold applies. Conditions: HS prefix (some line's HS code
   starts with it), origin country, direction; an empty condition always holds.
2. Hard rules, checked for each line, send the consignment to inspection + sampling whatever the table says:
   a production base that is suspended or revoked; an import requirement without market access; an import
   requirement asking for a registered production base when the line names no active base of the origin
   country registered for that commodity.
3. The strongest channel among everything that applies wins (choices.CHANNEL_STRENGTH).
4. Defaults when nothing applies: plant and animal products (HS chapters 01–24) get a document check;
   everything else is released.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.catalog import selectors as catalog_selectors
from guomen.core.errors import Conflict, ValidationFailed, validation_error_from_django
from guomen.core.permissions import require
from guomen.core.services import audit_record, model_snapshot
from guomen.registry.choices import BaseStatus

from .choices import CHANNEL_STRENGTH, Channel, strongest
from .models import SimpleRule, TargetingDecision
from .reasons import make_reason

PLANT_ANIMAL_CHAPTERS = frozenset(f"{n:02d}" for n in range(1, 25))
RULE_FIELDS = ["name", "hs_prefix", "origin", "direction", "channel", "instruction", "active"]


# --- deciding ------------------------------------------------------------------------------------


def _matching_rules(declaration, lines) -> list[SimpleRule]:
    codes = [line.hs_id for line in lines]
    matched = []
    for rule in SimpleRule.objects.filter(active=True).order_by("id"):
        if rule.direction and rule.direction != declaration.direction:
            continue
        if rule.origin_id and rule.origin_id != declaration.origin_country_id:
            continue
        if rule.hs_prefix and not any(code.startswith(rule.hs_prefix) for code in codes):
            continue
        matched.append(rule)
    return matched


def _registered_for(base, hs_code: str, origin_id: str) -> bool:
    if base.status != BaseStatus.ACTIVE or base.country_id != origin_id:
        return False
    return any(hs_code.startswith(c.code) or c.code.startswith(hs_code[:6]) for c in base.commodities.all())


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


def _hard_rules(declaration, lines) -> tuple[list[dict], list[str]]:
    """Reasons that force inspection + sampling, and what the inspector must check for each line."""
    reasons, notes = [], []
    origin = declaration.origin_country
    for line in lines:
        bases = list(line.production_bases.all())
        for base in bases:
            if base.status == BaseStatus.SUSPENDED:
                reasons.append(make_reason("base_suspended", line=line.line_no, code=base.code))
            elif base.status == BaseStatus.REVOKED:
                reasons.append(make_reason("base_revoked", line=line.line_no, code=base.code))
        requirement = catalog_selectors.import_requirement_for(hs=line.hs, origin=origin)
        if requirement is None:
            continue
        params = {"line": line.line_no, "hs": line.hs_id, "origin": origin.display_name}
        if not requirement.access_granted:
            reasons.append(make_reason("no_access", **params))
        elif requirement.registered_base_required and not any(
            _registered_for(base, line.hs_id, origin.code) for base in bases
        ):
            reasons.append(make_reason("unregistered_base", **params))
        for note in _requirement_notes(requirement):
            if note not in notes:
                notes.append(note)
    return reasons, notes


def _default(lines) -> tuple[str, dict]:
    chapters = sorted({line.hs_id[:2] for line in lines} & PLANT_ANIMAL_CHAPTERS)
    if chapters:
        return Channel.DOCUMENT, make_reason("default_plant_animal", chapter=", ".join(chapters))
    return Channel.RELEASE, make_reason("default_release")


@transaction.atomic
def decide(*, declaration, actor) -> TargetingDecision:
    """Decide the channel of a freshly submitted declaration, store the decision and audit it."""
    lines = list(
        declaration.lines.select_related("hs")
        .prefetch_related("production_bases__commodities")
        .order_by("line_no")
    )
    rules = _matching_rules(declaration, lines)
    hard_reasons, notes = _hard_rules(declaration, lines)
    candidates = [(rule.channel, make_reason("rule", name=rule.name, channel=rule.channel)) for rule in rules]
    candidates += [(Channel.PHYSICAL_SAMPLING, reason) for reason in hard_reasons]
    if not candidates:
        candidates.append(_default(lines))
    channel = strongest(c for c, _reason in candidates)
    candidates.sort(key=lambda item: -CHANNEL_STRENGTH[item[0]])
    reasons = [reason for _channel, reason in candidates]

    instructions = [rule.instruction for rule in rules if rule.instruction and rule.channel == channel]
    if hard_reasons:
        instructions.append(
            _("Inspect and take samples: %(why)s") % {"why": " ".join(r["text"] for r in hard_reasons)}
        )
    if channel != Channel.RELEASE:
        instructions += notes
    decision = TargetingDecision.objects.create(
        declaration=declaration,
        channel=channel,
        reasons=reasons,
        instruction="\n".join(instructions),
        decided_by="rules",
        decided_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        verb="declaration.targeted",
        obj=declaration,
        org_path=declaration.port.path,
        after={"channel": channel, "reasons": [r["code"] for r in reasons]},
    )
    return decision


# --- the rule table ----------------------------------------------------------------------------------


def _clean_rule(rule: SimpleRule) -> None:
    rule.hs_prefix = (rule.hs_prefix or "").strip()
    errors = {}
    if rule.hs_prefix and (not rule.hs_prefix.isdigit() or len(rule.hs_prefix) < 2):
        errors["hs_prefix"] = [_("An HS prefix is 2 to 10 digits, e.g. 08 or 081060.")]
    try:
        rule.full_clean()
    except ValidationError as exc:
        for name, messages in validation_error_from_django(exc).fields.items():
            errors.setdefault(name, []).extend(messages)
    if rule.direction and rule.direction not in {"import", "export"}:
        errors["direction"] = [_("Choose import, export or leave empty.")]
    if errors:
        raise ValidationFailed(fields=errors)


@transaction.atomic
def rule_create(
    *,
    name: str,
    channel: str,
    hs_prefix: str = "",
    origin=None,
    direction: str = "",
    instruction: str = "",
    active: bool = True,
    actor,
) -> SimpleRule:
    require(actor, "targeting.edit")
    rule = SimpleRule(
        name=name,
        channel=channel,
        hs_prefix=hs_prefix,
        origin=origin,
        direction=direction,
        instruction=instruction,
        active=active,
    )
    _clean_rule(rule)
    rule.save()
    audit_record(
        actor=actor, verb="targeting.rule_created", obj=rule, after=model_snapshot(rule, RULE_FIELDS)
    )
    return rule


@transaction.atomic
def rule_update(*, rule: SimpleRule, actor, expected_version: int | None = None, **changes) -> SimpleRule:
    require(actor, "targeting.edit")
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValidationFailed(
            fields={name: [_("This field cannot be changed.")] for name in sorted(unknown)}
        )
    before = model_snapshot(rule, RULE_FIELDS)
    version = rule.version if expected_version is None else expected_version
    for name, value in changes.items():
        setattr(rule, name, value)
    _clean_rule(rule)
    values = {name: getattr(rule, name) for name in RULE_FIELDS}
    if not SimpleRule.objects.filter(pk=rule.pk, version=version).update(
        version=version + 1, updated_at=timezone.now(), **values
    ):
        raise Conflict()
    rule.version = version + 1
    audit_record(
        actor=actor,
        verb="targeting.rule_updated",
        obj=rule,
        before=before,
        after=model_snapshot(rule, RULE_FIELDS),
    )
    return rule


@transaction.atomic
def rule_deactivate(*, rule: SimpleRule, actor, reason: str = "") -> SimpleRule:
    require(actor, "targeting.edit")
    if not rule.active:
        return rule
    SimpleRule.objects.filter(pk=rule.pk).update(
        active=False, version=rule.version + 1, updated_at=timezone.now()
    )
    rule.active, rule.version = False, rule.version + 1
    audit_record(
        actor=actor,
        verb="targeting.rule_deactivated",
        obj=rule,
        before={"active": True},
        after={"active": False},
        reason=reason,
    )
    return rule


@transaction.atomic
def rules_load_defaults(*, actor=None) -> tuple[int, int]:
    """Create the default rule table (targeting/defaults.py). Idempotent: rules are matched by name.

    Returns (created, already present).
    """
    from .defaults import DEFAULT_RULES

    created = present = 0
    for spec in DEFAULT_RULES:
        if SimpleRule.objects.filter(name=spec["name"]).exists():
            present += 1
            continue
        rule = SimpleRule(**spec)
        _clean_rule(rule)
        rule.save()
        audit_record(
            actor=actor, verb="targeting.rule_created", obj=rule, after=model_snapshot(rule, RULE_FIELDS)
        )
        created += 1
    return created, present
