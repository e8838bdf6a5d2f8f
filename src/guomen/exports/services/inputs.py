"""Input records (投入品记录): what was used at a site, kept by the enterprise or entered by the inspector."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed
from guomen.core.services import audit_record, model_snapshot

from ..choices import CHEMICAL_KINDS, InputKind, SiteStatus
from ..models import ExportSite, InputRecord
from ..substances import SUBSTANCES, UNKNOWN
from .batches import batches_reflag
from .common import clean, require_for, text

MAX_DOSE = Decimal("1000000")
MAX_WITHDRAWAL_DAYS = 3650


def _dose(value, errors: dict):
    try:
        dose = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        errors["dose"] = [_("Enter a number.")]
        return None
    if not dose.is_finite() or dose <= 0:
        errors["dose"] = [_("The dose must be greater than zero.")]
    elif dose >= MAX_DOSE:
        errors["dose"] = [_("The dose is too large.")]
    return dose


def _substance(kind: str, code, errors: dict) -> str:
    code = str(code or "").strip()
    if not code:
        if kind in CHEMICAL_KINDS:
            errors["substance"] = [_("Name the active substance.")]
        return ""
    found = SUBSTANCES.get(code)
    if found is None:
        errors["substance"] = [str(UNKNOWN)]
    elif kind in CHEMICAL_KINDS and found.kind != kind:
        errors["substance"] = [_("This substance is not a %(kind)s.") % {"kind": InputKind(kind).label}]
    return code


@transaction.atomic
def input_record(
    *,
    site: ExportSite,
    kind: str,
    product: str,
    dose,
    unit: str,
    used_on: dt.date,
    substance: str = "",
    withdrawal_days: int | None = None,
    source: str = "",
    actor,
) -> InputRecord:
    """Record an input used at a site. A pesticide or veterinary drug names a substance of the list; its
    withdrawal period (or safe interval) defaults to the list's. The site's batches are flagged again."""
    require_for(actor, "exports.input_record", org=site.org, enterprise_id=site.enterprise_id)
    errors: dict = {}
    if site.status == SiteStatus.CANCELLED:
        errors["site"] = [_("The site is cancelled.")]
    if kind not in InputKind.values:
        errors["kind"] = [_("Choose the kind of input.")]
    for field, value, limit in (("product", product, 200), ("unit", unit, 20)):
        try:
            text(value, field, limit=limit)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    dose = _dose(dose, errors)
    code = _substance(kind, substance, errors) if kind in InputKind.values else ""
    if used_on is None:
        errors["used_on"] = [_("This field is required.")]
    elif used_on > timezone.localdate():
        errors["used_on"] = [_("The date must not be in the future.")]
    if withdrawal_days is None or withdrawal_days == "":
        withdrawal_days = SUBSTANCES[code].withdrawal_days if code in SUBSTANCES else 0
    try:
        withdrawal_days = int(withdrawal_days)
    except (TypeError, ValueError):
        errors["withdrawal_days"] = [_("Enter a whole number of days.")]
    else:
        if not 0 <= withdrawal_days <= MAX_WITHDRAWAL_DAYS:
            errors["withdrawal_days"] = [_("Enter 0 to %(n)d days.") % {"n": MAX_WITHDRAWAL_DAYS}]
    if errors:
        raise ValidationFailed(fields=errors)
    record = InputRecord(
        site=site,
        kind=kind,
        product=str(product).strip(),
        substance=code,
        dose=dose,
        unit=str(unit).strip(),
        used_on=used_on,
        withdrawal_days=withdrawal_days,
        source=text(source, "source", required=False, limit=200),
        entered_by=actor,
    )
    clean(record)
    record.save(force_insert=True)
    audit_record(
        actor=actor,
        verb="export_input.recorded",
        obj=record,
        org_path=site.org.path,
        after=model_snapshot(
            record, ["site_id", "kind", "product", "substance", "dose", "unit", "used_on", "withdrawal_days"]
        ),
    )
    if kind in CHEMICAL_KINDS:
        batches_reflag(site=site, since=used_on, actor=actor)
    return record
