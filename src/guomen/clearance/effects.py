"""Rapid response reaching targeting: a tightened-inspection measure becomes a targeting control measure.

Registered with risk at start (risk.effects.register_effect), so risk never calls targeting's services.
"""

from guomen.risk.choices import MeasureKind
from guomen.risk.effects import Effect, control_scope, register_effect
from guomen.targeting.choices import MeasureStatus
from guomen.targeting.models import ControlMeasure
from guomen.targeting.services import control_measure_create, control_measure_lift


def tightened_apply(measure, *, actor, reason: str) -> dict:
    control = control_measure_create(
        scope=control_scope(measure),
        enterprise=measure.enterprise,
        production_base=measure.production_base,
        origin=measure.origin,
        hs_prefix=measure.hs_prefix,
        commodity_group=measure.commodity_group,
        consignments=measure.consignments,
        lift_after_conforming=measure.lift_after_conforming,
        ends_on=measure.ends_on,
        reason=reason,
        source_ref=f"risk.earlywarning:{measure.warning_id}",
        actor=actor,
    )
    return {"control_ref": f"targeting.controlmeasure:{control.pk}"}


def tightened_lift(measure, *, actor, reason: str) -> None:
    if not measure.control_ref:
        return
    control = ControlMeasure.objects.filter(pk=int(measure.control_ref.rsplit(":", 1)[1])).first()
    if control is not None and control.status == MeasureStatus.ACTIVE:
        control_measure_lift(measure=control, reason=reason, actor=actor)


def register_effects() -> None:
    register_effect(MeasureKind.TIGHTENED_INSPECTION, Effect(apply=tightened_apply, lift=tightened_lift))
