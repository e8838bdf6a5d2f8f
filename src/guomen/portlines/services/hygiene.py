"""Port health hygiene monitoring (口岸卫生监测): a result at a sampling point of a port or of a licensed food
business; conforming is computed from the limit, never entered."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed

from .. import choices as c
from ..models import FoodLicence, HygieneMonitoring
from .records import _insert, _past, _require_here, _text


def _number(value, field: str, errors: dict) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        number = None
    if number is None or not number.is_finite():
        errors[field] = [_("Enter a number.")]
        return None
    if number < 0 or number >= Decimal("1e10"):
        errors[field] = [_("Enter a number between 0 and 9,999,999,999.")]
        return None
    return number


def conforming(value: Decimal, limit: Decimal, limit_kind: str) -> bool:
    """At most the limit (a count, a concentration) or at least it (residual chlorine)."""
    return value >= limit if limit_kind == c.LimitKind.MIN else value <= limit


@transaction.atomic
def monitoring_record(
    *,
    org=None,
    licence: FoodLicence | None = None,
    category: str,
    item: str,
    sampling_point: str,
    sampled_on: dt.date,
    value,
    unit: str,
    limit,
    limit_kind: str = c.LimitKind.MAX,
    actor,
) -> HygieneMonitoring:
    """Record a monitoring result at a port (`org`) or at a licensed food business (`licence`, its unit)."""
    if licence is not None:
        org = licence.org
    if org is None:
        raise ValidationFailed(fields={"licence": [_("Name the licence or the port.")]})
    _require_here(actor, "portlines.check", org)
    errors: dict = {}
    if category not in c.MonitoringCategory.values:
        errors["category"] = [_("Choose what was monitored.")]
    _text(item, "item", errors)
    _text(sampling_point, "sampling_point", errors)
    _text(unit, "unit", errors)
    _past(sampled_on, "sampled_on", errors)
    if limit_kind not in c.LimitKind.values:
        errors["limit_kind"] = [_("Choose whether the value must be at most or at least the limit.")]
    value, limit = _number(value, "value", errors), _number(limit, "limit", errors)
    if licence is not None and licence.status != c.LicenceStatus.VALID:
        errors["licence"] = [_("The licence is not valid: record the result at the port.")]
    if errors:
        raise ValidationFailed(fields=errors)
    ok = conforming(value, limit, limit_kind)
    record = HygieneMonitoring(
        org=org,
        licence=licence,
        enterprise_id=licence.enterprise_id if licence is not None else None,
        category=category,
        item=str(item).strip()[:80],
        sampling_point=str(sampling_point).strip()[:150],
        sampled_on=sampled_on,
        value=value,
        unit=str(unit).strip()[:30],
        limit=limit,
        limit_kind=limit_kind,
        conforming=ok,
        status=c.MonitoringStatus.CONFORMING if ok else c.MonitoringStatus.OPEN,
    )
    return _insert(
        record,
        actor=actor,
        verb="hygienemonitoring.recorded",
        fields=["item", "sampling_point", "value", "unit", "limit", "limit_kind", "conforming"],
    )


@transaction.atomic
def monitoring_close(*, record: HygieneMonitoring, to: str, reason: str, actor, expected_version=None):
    """Mark a non-conforming result rectified (an inspector's re-check), or withdraw a result entered in error."""
    from .records import _move

    return _move(record, to, reason, actor, "portlines.check", expected_version)
