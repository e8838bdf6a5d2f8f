"""Control measures (加严检验): create, count down, lift (by hand, after M conforming results, on the end date),
extend. Every change is audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed, validation_error_from_django
from guomen.core.permissions import require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from ..choices import MEASURE_TRANSITIONS, MeasureScope, MeasureStatus
from ..models import ControlMeasure, MeasureHit

MEASURE_FIELDS = [
    "scope",
    "enterprise",
    "production_base",
    "origin",
    "hs_prefix",
    "commodity_group",
    "consignments",
    "lift_after_conforming",
    "starts_on",
    "ends_on",
    "reason",
    "source_ref",
]


def _check(actor) -> None:
    if actor is not None:  # None: the trusted command line and scheduled tasks
        require(actor, "targeting.measure")


def _clean_measure(measure: ControlMeasure) -> None:
    errors: dict[str, list] = {}
    scope = measure.scope
    if scope not in MeasureScope.values:
        errors["scope"] = [_("Choose enterprise, production base or origin × commodity.")]
    elif scope == MeasureScope.ENTERPRISE and measure.enterprise_id is None:
        errors["enterprise"] = [_("Name the enterprise under tightened inspection.")]
    elif scope == MeasureScope.PRODUCTION_BASE and measure.production_base_id is None:
        errors["production_base"] = [_("Name the production base under tightened inspection.")]
    elif scope == MeasureScope.ORIGIN_COMMODITY:
        if measure.origin_id is None:
            errors["origin"] = [_("Name the origin.")]
        if not measure.hs_prefix and measure.commodity_group_id is None:
            errors["hs_prefix"] = [_("Name the commodity: an HS prefix or a commodity group.")]
    if measure.hs_prefix and (not measure.hs_prefix.isdigit() or len(measure.hs_prefix) < 2):
        errors["hs_prefix"] = [_("An HS prefix is 2 to 10 digits, e.g. 08 or 081060.")]
    if not isinstance(measure.consignments, int) or measure.consignments < 1:
        errors["consignments"] = [_("Enter a whole number of at least 1.")]
    if not isinstance(measure.lift_after_conforming, int) or measure.lift_after_conforming < 1:
        errors["lift_after_conforming"] = [_("Enter a whole number of at least 1.")]
    elif isinstance(measure.consignments, int) and measure.lift_after_conforming > measure.consignments:
        errors["lift_after_conforming"] = [
            _("Cannot exceed the number of consignments to inspect (%(n)d).") % {"n": measure.consignments}
        ]
    if measure.ends_on and measure.ends_on < measure.starts_on:
        errors["ends_on"] = [_("The end date cannot be before the start date.")]
    if not (measure.reason or "").strip():
        errors["reason"] = [_("Say why the inspection is tightened.")]
    if not errors:
        try:
            measure.full_clean(exclude=["created_by"])
        except ValidationError as exc:
            errors.update(validation_error_from_django(exc).fields)
    if errors:
        raise ValidationFailed(fields=errors)


@transaction.atomic
def control_measure_create(
    *,
    scope: str,
    enterprise=None,
    production_base=None,
    origin=None,
    hs_prefix: str = "",
    commodity_group=None,
    consignments: int,
    lift_after_conforming: int,
    ends_on: dt.date | None = None,
    reason: str,
    source_ref: str = "",
    actor,
    starts_on: dt.date | None = None,
) -> ControlMeasure:
    """Tighten inspection: the next `consignments` matching declarations go to inspection + sampling.

    Takes effect for the very next declaration decided. With a `source_ref` ("risk.earlywarning:12") a
    measure still in force for the same source is returned instead of a second one.
    """
    _check(actor)
    if source_ref:
        existing = ControlMeasure.objects.filter(source_ref=source_ref, status=MeasureStatus.ACTIVE).first()
        if existing is not None:
            return existing
    measure = ControlMeasure(
        scope=scope,
        enterprise=enterprise if scope == MeasureScope.ENTERPRISE else None,
        production_base=production_base if scope == MeasureScope.PRODUCTION_BASE else None,
        origin=origin if scope == MeasureScope.ORIGIN_COMMODITY else None,
        hs_prefix=(hs_prefix or "").strip() if scope == MeasureScope.ORIGIN_COMMODITY else "",
        commodity_group=commodity_group if scope == MeasureScope.ORIGIN_COMMODITY else None,
        consignments=consignments,
        lift_after_conforming=lift_after_conforming,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        reason=(reason or "").strip(),
        source_ref=source_ref,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _clean_measure(measure)
    if measure.ends_on and measure.ends_on < timezone.localdate():
        raise ValidationFailed(fields={"ends_on": [_("The end date is already past.")]})
    measure.save()
    audit_record(
        actor=actor,
        verb="targeting.measure_created",
        obj=measure,
        after=model_snapshot(measure, MEASURE_FIELDS),
        reason=measure.reason,
    )
    return measure


@transaction.atomic
def control_measure_lift(*, measure: ControlMeasure, actor, reason: str) -> ControlMeasure:
    """Lift a measure before its time (with a reason)."""
    _check(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Say why the measure is lifted.")]})
    return _lift(measure, actor=actor, reason=reason, how="manual")


def _lift(measure: ControlMeasure, *, actor, reason: str, how: str) -> ControlMeasure:
    measure = ControlMeasure.objects.select_for_update().get(pk=measure.pk)
    return transition(
        measure,
        to=MeasureStatus.LIFTED,
        allowed=MEASURE_TRANSITIONS,
        actor=actor,
        verb=f"targeting.measure_lifted_{how}",
        reason=reason,
        extra_fields={"lifted_at": timezone.now(), "lift_reason": reason},
    )


@transaction.atomic
def control_measure_extend(
    *,
    measure: ControlMeasure,
    actor,
    reason: str,
    more_consignments: int = 0,
    ends_on: dt.date | None = None,
    lift_after_conforming: int | None = None,
) -> ControlMeasure:
    """Extend a measure in force: more consignments to inspect, a later end date, a longer clean run."""
    _check(actor)
    reason = (reason or "").strip()
    errors: dict[str, list] = {}
    if not reason:
        errors["reason"] = [_("Say why the measure is extended.")]
    if not isinstance(more_consignments, int) or more_consignments < 0:
        errors["more_consignments"] = [_("Enter a whole number of at least 0.")]
    if ends_on is not None and ends_on < timezone.localdate():
        errors["ends_on"] = [_("The end date is already past.")]
    if not more_consignments and ends_on is None and lift_after_conforming is None and not errors:
        errors["more_consignments"] = [_("Add consignments, a new end date or a longer conforming run.")]
    if errors:
        raise ValidationFailed(fields=errors)
    measure = ControlMeasure.objects.select_for_update().get(pk=measure.pk)
    if measure.status != MeasureStatus.ACTIVE:
        raise ValidationFailed(
            _("Only a measure in force can be extended."), fields={"status": [_("Already lifted.")]}
        )
    before = model_snapshot(measure, ["consignments", "ends_on", "lift_after_conforming"])
    measure.consignments += more_consignments
    if ends_on is not None:
        measure.ends_on = ends_on
    if lift_after_conforming is not None:
        measure.lift_after_conforming = lift_after_conforming
    _clean_measure(measure)
    measure.version += 1
    measure.save(update_fields=["consignments", "ends_on", "lift_after_conforming", "version", "updated_at"])
    audit_record(
        actor=actor,
        verb="targeting.measure_extended",
        obj=measure,
        before=before,
        after=model_snapshot(measure, ["consignments", "ends_on", "lift_after_conforming"]),
        reason=reason,
    )
    return measure


def measures_route(*, measures: list[ControlMeasure], declaration) -> None:
    """Count the declarations the measures sent to inspection + sampling (called by the decision)."""
    now = timezone.now()
    for measure in measures:
        ControlMeasure.objects.filter(pk=measure.pk).update(routed=F("routed") + 1)
        MeasureHit.objects.get_or_create(
            measure=measure, declaration=declaration, defaults={"routed_at": now}
        )


def measures_record_outcome(*, declaration, outcome: str, actor=None) -> list[ControlMeasure]:
    """A result was confirmed for a declaration some measures routed: advance their conforming runs.

    Returns the measures lifted because the run reached its length. A non-conforming result restarts the
    run and makes sure at least M more consignments will be inspected.
    """
    lifted = []
    hits = MeasureHit.objects.select_related("measure").filter(declaration=declaration, outcome="")
    for hit in hits:
        hit.outcome, hit.outcome_at = outcome, timezone.now()
        hit.save(update_fields=["outcome", "outcome_at"])
        measure = ControlMeasure.objects.select_for_update().get(pk=hit.measure_id)
        if measure.status != MeasureStatus.ACTIVE:
            continue
        if outcome == "non_conforming":
            measure.conforming_streak = 0
            measure.non_conforming += 1
            measure.consignments = max(measure.consignments, measure.routed + measure.lift_after_conforming)
            measure.save(update_fields=["conforming_streak", "non_conforming", "consignments", "updated_at"])
            audit_record(
                actor=actor,
                verb="targeting.measure_non_conforming",
                obj=measure,
                after={"declaration": declaration.number, "consignments": measure.consignments},
            )
            continue
        measure.conforming_streak += 1
        measure.save(update_fields=["conforming_streak", "updated_at"])
        if measure.conforming_streak >= measure.lift_after_conforming:
            lifted.append(
                _lift(
                    measure,
                    actor=actor,
                    reason=_("%(n)d consecutive conforming results.") % {"n": measure.conforming_streak},
                    how="conforming",
                )
            )
    return lifted


@transaction.atomic
def measures_expire(*, today: dt.date | None = None) -> int:
    """Lift every measure whose end date has passed (the scheduled task). Returns how many."""
    today = today or timezone.localdate()
    count = 0
    for measure in ControlMeasure.objects.filter(status=MeasureStatus.ACTIVE, ends_on__lt=today):
        _lift(
            measure, actor=None, reason=_("End date %(d)s reached.") % {"d": measure.ends_on}, how="end_date"
        )
        count += 1
    return count


def measure_is_open(measure: ControlMeasure, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        measure.status == MeasureStatus.ACTIVE
        and measure.starts_on <= today
        and (measure.ends_on is None or measure.ends_on >= today)
    )
