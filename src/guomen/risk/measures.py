"""Rapid-response measures attached to an early warning: added, put in force on publication, finished."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from guomen.core.editing import audited_create
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.four_eyes import require_other_person
from guomen.core.permissions import org_in_scope, require
from guomen.core.workflow import transition

from .choices import MEASURE_TRANSITIONS, ClusterDimension, MeasureKind, MeasureStatus, WarningStatus
from .early_warnings import warning_close_if_done
from .effects import apply_effect, check_target, lift_effect
from .inbox import notify
from .models import EarlyWarning, Measure

MEASURE_FIELDS = (
    "kind",
    "scope",
    "owner",
    "deadline",
    "lifting_condition",
    "enterprise",
    "production_base",
    "origin",
    "commodity_group",
    "hs_prefix",
    "consignments",
    "lift_after_conforming",
    "ends_on",
    "public_title",
    "public_text",
    "public_days",
)
DEFAULTS = {"consignments": 10, "lift_after_conforming": 5, "public_days": 28}


def _narrow_to_scope(values: dict) -> None:
    """Tightened inspection and suspension act on one thing: the base, the enterprise or origin × commodity."""
    if values.get("kind") not in (MeasureKind.TIGHTENED_INSPECTION, MeasureKind.SUSPENSION):
        return
    scope = values.get("scope") or (
        ClusterDimension.PRODUCTION_BASE
        if values.get("production_base")
        else ClusterDimension.ENTERPRISE
        if values.get("enterprise")
        else ClusterDimension.ORIGIN_COMMODITY
    )
    values["scope"] = scope
    if scope != ClusterDimension.PRODUCTION_BASE:
        values["production_base"] = None
    if scope != ClusterDimension.ENTERPRISE:
        values["enterprise"] = None
    if scope == ClusterDimension.ORIGIN_COMMODITY and values.get("kind") == MeasureKind.SUSPENSION:
        raise ValidationFailed(fields={"scope": [_("Suspend an enterprise or a production base.")]})


@transaction.atomic
def measure_add(*, warning: EarlyWarning, actor, data: dict, now=None) -> Measure:
    """Attach a measure; on a published warning it comes into force at once."""
    require(actor, "risk.measure")
    if not org_in_scope(actor, warning.org):
        raise PermissionDenied()
    if warning.status == WarningStatus.CLOSED:
        raise ValidationFailed(fields={"warning": [_("The warning is closed.")]})
    values = {k: data[k] for k in MEASURE_FIELDS if data.get(k) not in (None, "")}
    for name, default in DEFAULTS.items():
        values.setdefault(name, default)
    for name in ("enterprise", "production_base", "origin", "commodity_group"):
        values.setdefault(name, getattr(warning, name))
    values.setdefault("hs_prefix", warning.hs_prefix)
    _narrow_to_scope(values)
    today = timezone.localdate(now) if now else timezone.localdate()
    if values.get("deadline") and values["deadline"] < today:
        raise ValidationFailed(fields={"deadline": [_("The measure's deadline cannot be in the past.")]})
    if (
        values.get("kind") == MeasureKind.TIGHTENED_INSPECTION
        and warning.measures.filter(
            kind=MeasureKind.TIGHTENED_INSPECTION, status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_FORCE]
        ).exists()
    ):
        message = _("This warning already has a tightened inspection; write a follow-up notice for another.")
        raise ValidationFailed(message, fields={"kind": [message]})
    measure = Measure(warning=warning, proposed_by=actor, **values)
    if measure.kind in MeasureKind.values:
        check_target(measure)
    audited_create(measure, actor=actor, verb="risk_measure.create", org_path=warning.org.path)
    notify(
        recipients=[measure.owner],
        kind="measures",
        text=_("You own a measure: %(measure)s, due %(date)s")
        % {"measure": measure.get_kind_display(), "date": measure.deadline},
        url=reverse("risk:warning_detail", args=[warning.pk]),
    )
    if warning.status == WarningStatus.PUBLISHED and measure.kind != MeasureKind.CONSUMER_WARNING:
        measure_apply(measure=measure, actor=actor, now=now)
    return measure


CONSUMER_FOUR_EYES = _l(
    "Four eyes: the person who proposed this consumer warning cannot publish it; another supervisor must."
)


@transaction.atomic
def measure_publish(*, measure: Measure, actor, expected_version=None, now=None) -> Measure:
    """A second supervisor puts a consumer warning added to a published notice on the public portal."""
    require(actor, "risk.approve")
    warning = measure.warning
    if not org_in_scope(actor, warning.org):
        raise PermissionDenied(_("This warning was issued outside your jurisdiction."))
    require_other_person(actor, measure.proposed_by_id, message=CONSUMER_FOUR_EYES)
    if measure.kind != MeasureKind.CONSUMER_WARNING or warning.status != WarningStatus.PUBLISHED:
        message = _("Only a consumer warning on a published notice waits for publication.")
        raise ValidationFailed(message, fields={"measure": [message]})
    if expected_version is not None and int(expected_version) != measure.version:
        raise Conflict()
    return measure_apply(measure=measure, actor=actor, now=now, approved_by=actor)


def measure_apply(*, measure: Measure, actor, now=None, approved_by=None) -> Measure:
    """Bring a planned measure into force (called when its warning is published). Inside a transaction."""
    if measure.status != MeasureStatus.PLANNED:
        return measure
    approved = approved_by or actor
    now = now or timezone.now()
    effects = apply_effect(measure, actor=actor, today=timezone.localdate(now))
    return transition(
        measure,
        to=MeasureStatus.IN_FORCE,
        allowed=MEASURE_TRANSITIONS,
        actor=actor,
        verb="risk_measure.in_force",
        org_path=measure.warning.org.path,
        extra_fields={"in_force_at": now, "approved_by_id": getattr(approved, "pk", None), **effects},
    )


def _finish(measure: Measure, *, to: str, actor, reason: str, now=None) -> Measure:
    now = now or timezone.now()
    transition(
        measure,
        to=to,
        allowed=MEASURE_TRANSITIONS,
        actor=actor,
        verb=f"risk_measure.{to}",
        reason=reason,
        org_path=measure.warning.org.path,
        extra_fields={"finished_at": now, "finish_reason": reason[:255]},
    )
    warning_close_if_done(warning=measure.warning, actor=actor, now=now)
    return measure


def _check_may_act(actor, measure: Measure) -> None:
    from .early_warnings import may_act_on_measure

    if actor is not None and not may_act_on_measure(actor, measure):
        raise PermissionDenied(_("Only the measure's owner or a supervisor may do this."))


@transaction.atomic
def measure_lift(*, measure: Measure, actor, reason: str, now=None) -> Measure:
    """The lifting condition is met: undo the effect (restore status, stop routing, withdraw the notice)."""
    _check_may_act(actor, measure)
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Say why the measure is lifted.")]})
    if measure.status == MeasureStatus.IN_FORCE:
        lift_effect(measure, actor=actor, reason=reason)
    return _finish(measure, to=MeasureStatus.LIFTED, actor=actor, reason=reason, now=now)


@transaction.atomic
def measure_complete(*, measure: Measure, actor, reason: str = "", now=None) -> Measure:
    """The owner reports the measure carried out (e.g. the recall is finished); its effect stays."""
    _check_may_act(actor, measure)
    return _finish(measure, to=MeasureStatus.DONE, actor=actor, reason=str(reason or "").strip(), now=now)


def consumer_warnings_expire(*, today: dt.date | None = None) -> int:
    """Withdraw consumer warnings whose period has run out (the scheduled task calls this daily)."""
    today = today or timezone.localdate()
    expired = Measure.objects.filter(
        kind=MeasureKind.CONSUMER_WARNING, status=MeasureStatus.IN_FORCE, public_until__lte=today
    ).select_related("warning__org")
    count = 0
    for measure in expired:
        with transaction.atomic():
            _finish(
                measure,
                to=MeasureStatus.LIFTED,
                actor=None,
                reason=_("The consumer warning's period ended."),
                now=timezone.now(),
            )
        count += 1
    return count
