"""Rule profiles: analysts create, edit and deactivate them; every change is audited and applies to the
next declaration decided (the engine reads the table on every decision)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, ValidationFailed, validation_error_from_django
from guomen.core.inputs import refuse_nulls
from guomen.core.permissions import require
from guomen.core.services import audit_record, model_snapshot
from guomen.declarations.choices import Direction, Transport
from guomen.registry.choices import CreditGrade, EnterpriseClass

from ..models import RuleProfile

RULE_FIELDS = [
    "name",
    "hs_prefix",
    "commodity_group",
    "origin",
    "direction",
    "declarant",
    "consignee",
    "production_base",
    "credit_grades",
    "enterprise_classes",
    "transport",
    "port",
    "unit_value_anomaly",
    "weight_anomaly",
    "channel",
    "percentage",
    "valid_from",
    "valid_to",
    "instruction",
    "active",
]


def _clean_rule(rule: RuleProfile) -> None:
    rule.hs_prefix = (rule.hs_prefix or "").strip()
    rule.credit_grades = sorted(set(rule.credit_grades or []))
    rule.enterprise_classes = sorted(set(rule.enterprise_classes or []))
    errors: dict[str, list] = {}
    if rule.hs_prefix and (not rule.hs_prefix.isdigit() or len(rule.hs_prefix) < 2):
        errors["hs_prefix"] = [_("An HS prefix is 2 to 10 digits, e.g. 08 or 081060.")]
    if rule.direction and rule.direction not in Direction.values:
        errors["direction"] = [_("Choose import, export or leave empty.")]
    if rule.transport and rule.transport not in Transport.values:
        errors["transport"] = [_("Choose a means of transport or leave empty.")]
    if set(rule.credit_grades) - set(CreditGrade.values):
        errors["credit_grades"] = [_("Credit grades are AA, A, B, C and D.")]
    if set(rule.enterprise_classes) - set(EnterpriseClass.values):
        errors["enterprise_classes"] = [_("Classes are I, II, III and IV.")]
    if rule.valid_from and rule.valid_to and rule.valid_to < rule.valid_from:
        errors["valid_to"] = [_("The end of validity cannot be before its start.")]
    try:
        rule.full_clean()
    except ValidationError as exc:
        for name, messages in validation_error_from_django(exc).fields.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationFailed(fields=errors)


@transaction.atomic
def rule_create(*, name: str, channel: str, actor, **conditions) -> RuleProfile:
    """A new rule profile. `conditions` are any of RULE_FIELDS (empty ones always hold)."""
    require(actor, "targeting.edit")
    unknown = set(conditions) - set(RULE_FIELDS)
    if unknown:
        raise ValidationFailed(fields={n: [_("Unknown field.")] for n in sorted(unknown)})
    rule = RuleProfile(name=name, channel=channel, **conditions)
    _clean_rule(rule)
    rule.save()
    audit_record(
        actor=actor, verb="targeting.rule_created", obj=rule, after=model_snapshot(rule, RULE_FIELDS)
    )
    return rule


@transaction.atomic
def rule_update(*, rule: RuleProfile, actor, expected_version: int | None = None, **changes) -> RuleProfile:
    require(actor, "targeting.edit")
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValidationFailed(
            fields={name: [_("This field cannot be changed.")] for name in sorted(unknown)}
        )
    refuse_nulls(RuleProfile, changes)
    before = model_snapshot(rule, RULE_FIELDS)
    version = rule.version if expected_version is None else expected_version
    for name, value in changes.items():
        setattr(rule, name, value)
    _clean_rule(rule)
    values = {
        f.attname: getattr(rule, f.attname)
        for f in RuleProfile._meta.concrete_fields
        if f.name in RULE_FIELDS
    }
    if not RuleProfile.objects.filter(pk=rule.pk, version=version).update(
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
def rule_deactivate(*, rule: RuleProfile, actor, reason: str = "") -> RuleProfile:
    require(actor, "targeting.edit")
    if not rule.active:
        return rule
    RuleProfile.objects.filter(pk=rule.pk).update(
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
    from ..defaults import DEFAULT_RULES

    created = present = 0
    for spec in DEFAULT_RULES:
        if RuleProfile.objects.filter(name=spec["name"]).exists():
            present += 1
            continue
        rule = RuleProfile(**spec)
        _clean_rule(rule)
        rule.save()
        audit_record(
            actor=actor, verb="targeting.rule_created", obj=rule, after=model_snapshot(rule, RULE_FIELDS)
        )
        created += 1
    return created, present
