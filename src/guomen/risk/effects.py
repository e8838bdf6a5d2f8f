"""What each rapid-response measure does elsewhere in Guomen when it comes into force, and how it is undone.

Tightened inspection → a targeting control measure (the next matching declarations go to inspection +
sampling); suspension → the registry's filing / registration status; recall request → an inbox request to
the enterprise's users; consumer warning → the public portal (see selectors.public_consumer_warnings).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.core.errors import ValidationFailed
from guomen.registry.choices import BaseStatus, FilingStatus

from .choices import MeasureKind
from .inbox import notify


@dataclass(frozen=True)
class Effect:
    """An effect that lives in another app: apply(measure, actor, reason) → fields to store; lift(...)."""

    apply: Callable
    lift: Callable


# Filled at start by the clearance flow (tightened inspection → a targeting control measure), so risk
# never calls another workflow app's services itself.
EFFECTS: dict[str, Effect] = {}


def register_effect(kind: str, effect: Effect) -> None:
    EFFECTS[kind] = effect


def _reason(measure) -> str:
    return _("Early warning %(number)s: %(title)s") % {
        "number": measure.warning.number,
        "title": measure.warning.title,
    }


def control_scope(measure) -> str:
    if measure.scope:
        return measure.scope
    if measure.production_base_id:
        return "production_base"
    if measure.enterprise_id:
        return "enterprise"
    return "origin_commodity"


def check_target(measure) -> None:
    """Refuse a measure that does not say what it applies to (named by field)."""
    kind = measure.kind
    if kind == MeasureKind.SUSPENSION and not (measure.enterprise_id or measure.production_base_id):
        raise ValidationFailed(
            fields={"enterprise": [_("Name the enterprise or production base to suspend.")]}
        )
    if kind == MeasureKind.RECALL_REQUEST and not measure.enterprise_id:
        raise ValidationFailed(fields={"enterprise": [_("Name the enterprise asked to recall.")]})
    if kind == MeasureKind.TIGHTENED_INSPECTION:
        if not (measure.enterprise_id or measure.production_base_id or measure.origin_id):
            raise ValidationFailed(
                fields={"origin": [_("Name the enterprise, production base or origin to inspect more.")]}
            )
        if control_scope(measure) == "origin_commodity" and not (
            measure.hs_prefix or measure.commodity_group_id
        ):
            raise ValidationFailed(fields={"hs_prefix": [_("Give an HS prefix or a commodity group.")]})
        if measure.consignments < 1:
            raise ValidationFailed(fields={"consignments": [_("At least one consignment.")]})
    if kind == MeasureKind.CONSUMER_WARNING and not (
        measure.public_title.strip() and measure.public_text.strip()
    ):
        raise ValidationFailed(fields={"public_title": [_("Write the title and text the public will read.")]})


def apply_effect(measure, *, actor, today) -> dict:
    """Put the measure's effect in place; returns the fields to store on the measure."""
    kind = measure.kind
    if kind in EFFECTS:
        return EFFECTS[kind].apply(measure, actor=actor, reason=_reason(measure)) or {}
    if kind == MeasureKind.SUSPENSION:
        return _suspend(measure, actor=actor)
    if kind == MeasureKind.RECALL_REQUEST:
        notify(
            recipients=User.objects.filter(
                enterprise=measure.enterprise, role=Role.ENTERPRISE, is_active=True
            ),
            kind="recall_requests",
            text=_("Recall requested: %(title)s") % {"title": measure.warning.title},
            url=reverse("risk:inbox"),
        )
        return {}
    if kind == MeasureKind.CONSUMER_WARNING:
        import datetime as dt

        return {"public_from": today, "public_until": today + dt.timedelta(days=measure.public_days)}
    return {}


def _suspend(measure, *, actor) -> dict:
    from guomen.registry.services import enterprise_set_filing_status, production_base_set_status

    if measure.production_base_id:
        base = measure.production_base
        prior = base.status
        if prior != BaseStatus.SUSPENDED:
            production_base_set_status(
                base=base, to=BaseStatus.SUSPENDED, reason=_reason(measure), actor=actor
            )
        return {"prior_status": prior}
    enterprise = measure.enterprise
    prior = enterprise.filing_status
    if prior != FilingStatus.SUSPENDED:
        enterprise_set_filing_status(
            enterprise=enterprise, to=FilingStatus.SUSPENDED, reason=_reason(measure), actor=actor
        )
    return {"prior_status": prior}


def lift_effect(measure, *, actor, reason: str) -> None:
    """Undo what the measure did (a consumer warning simply stops being shown)."""
    kind = measure.kind
    if kind in EFFECTS:
        EFFECTS[kind].lift(measure, actor=actor, reason=reason)
    elif kind == MeasureKind.SUSPENSION:
        from guomen.registry.services import enterprise_set_filing_status, production_base_set_status

        if measure.production_base_id:
            base = measure.production_base
            base.refresh_from_db()
            if base.status == BaseStatus.SUSPENDED and measure.prior_status == BaseStatus.ACTIVE:
                production_base_set_status(base=base, to=BaseStatus.ACTIVE, reason=reason, actor=actor)
        else:
            enterprise = measure.enterprise
            enterprise.refresh_from_db()
            if (
                enterprise.filing_status == FilingStatus.SUSPENDED
                and measure.prior_status == FilingStatus.FILED
            ):
                enterprise_set_filing_status(
                    enterprise=enterprise, to=FilingStatus.FILED, reason=reason, actor=actor
                )
