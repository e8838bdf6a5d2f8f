"""Engine settings (random control rate, default capacity) and each port's physical-inspection share."""

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record

from ..models import PortCapacity, TargetingSettings

SETTING_LIMITS = {"random_rate": (0.0, 0.5), "default_capacity": (0.0, 1.0), "sampling_score": (0.0, 1.0)}


def _share(name: str, value, low: float = 0.0, high: float = 1.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if not low <= number <= high:
        raise ValidationFailed(
            fields={name: [_("Enter a share between %(a)s and %(b)s.") % {"a": low, "b": high}]}
        )
    return number


@transaction.atomic
def settings_update(*, actor, **values) -> TargetingSettings:
    require(actor, "targeting.edit")
    unknown = set(values) - set(SETTING_LIMITS)
    if unknown:
        raise ValidationFailed(fields={n: [_("Unknown field.")] for n in sorted(unknown)})
    row = TargetingSettings.objects.select_for_update().order_by("id").first() or TargetingSettings(
        random_rate=0.0
    )
    before = {name: getattr(row, name) for name in SETTING_LIMITS}
    for name, value in values.items():
        setattr(row, name, _share(name, value, *SETTING_LIMITS[name]))
    row.save()
    audit_record(
        actor=actor,
        verb="targeting.settings_changed",
        obj=row,
        before=before,
        after={name: getattr(row, name) for name in SETTING_LIMITS},
    )
    return row


@transaction.atomic
def capacity_set(*, actor, port, physical_share) -> PortCapacity:
    require(actor, "targeting.edit")
    if not org_in_scope(actor, port):
        raise ValidationFailed(fields={"port": [_("This port belongs to another jurisdiction.")]})
    share = _share("physical_share", physical_share)
    cap, _created = PortCapacity.objects.select_for_update().get_or_create(
        port=port, defaults={"physical_share": share}
    )
    before = cap.physical_share
    cap.physical_share = share
    cap.save()
    audit_record(
        actor=actor,
        verb="targeting.capacity_changed",
        obj=cap,
        org_path=port.path,
        before={"physical_share": before},
        after={"physical_share": share},
    )
    return cap
