"""Production batches (生产批次): goods of a registered site, flagged when an input breaks a withdrawal period
or the destination bans a substance used; the batches an export declaration names."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.catalog.models import Country, HsCode
from guomen.core.errors import ValidationFailed
from guomen.core.numbering import insert_numbered
from guomen.core.services import audit_record, model_snapshot
from guomen.declarations.choices import FINAL_STATUSES, Direction

from ..choices import CHEMICAL_KINDS, SiteStatus
from ..models import DeclarationBatch, ExportSite, InputRecord, ProductionBatch
from ..substances import banned_for
from .common import require_for, text

# Chemical inputs of the site used this long before the harvest count for the batch, linked to it or not.
LOOKBACK_DAYS = 180
MAX_QUANTITY = Decimal("100000000")


def _relevant_inputs(batch: ProductionBatch) -> list[InputRecord]:
    window = batch.harvested_on - dt.timedelta(days=LOOKBACK_DAYS)
    site_inputs = InputRecord.objects.filter(
        site_id=batch.site_id, kind__in=CHEMICAL_KINDS, used_on__gte=window, used_on__lte=batch.harvested_on
    )
    found = {r.pk: r for r in site_inputs}
    if batch.pk:
        found.update({r.pk: r for r in batch.inputs.all()})
    return sorted(found.values(), key=lambda r: (r.used_on, r.pk))


def batch_flags(batch: ProductionBatch) -> list[dict]:
    """Why the batch may not be exported (empty when it may): an input used inside its withdrawal period before
    the harvest, or a substance the destination bans. Each reason is data; `flag_text` words it."""
    reasons = []
    banned = banned_for(batch.destination_id)
    for record in _relevant_inputs(batch):
        if record.kind not in CHEMICAL_KINDS:
            continue
        safe_from = record.used_on + dt.timedelta(days=record.withdrawal_days)
        if record.used_on <= batch.harvested_on < safe_from:
            reasons.append(
                {
                    "code": "withdrawal",
                    "input": record.pk,
                    "substance": record.substance,
                    "product": record.product,
                    "used_on": record.used_on.isoformat(),
                    "days": record.withdrawal_days,
                    "safe_from": safe_from.isoformat(),
                }
            )
        if record.substance in banned:
            reasons.append(
                {
                    "code": "banned",
                    "input": record.pk,
                    "substance": record.substance,
                    "product": record.product,
                    "used_on": record.used_on.isoformat(),
                    "destination": batch.destination_id,
                }
            )
    return reasons


def _highest_taken(prefix: str) -> int:
    top = ProductionBatch.objects.filter(number__startswith=prefix).aggregate(top=Max("number"))["top"]
    return int(top[len(prefix) :]) if top and top[len(prefix) :].isdigit() else 0


def _quantity(value, errors: dict):
    try:
        quantity = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        errors["quantity"] = [_("Enter a number.")]
        return None
    if not quantity.is_finite() or quantity <= 0:
        errors["quantity"] = [_("The quantity must be greater than zero.")]
    elif quantity >= MAX_QUANTITY:
        errors["quantity"] = [_("The quantity is too large.")]
    return quantity


def _covers(site_codes: list[str], code: str) -> bool:
    return any(code.startswith(c) or c.startswith(code) for c in site_codes)


@transaction.atomic
def batch_record(
    *,
    site: ExportSite,
    commodity: str,
    quantity,
    harvested_on: dt.date,
    destination: str,
    unit: str = "kg",
    inputs: list[int] | None = None,
    raw_lots: str = "",
    actor,
) -> ProductionBatch:
    """Record a production batch of a registered site; it is flagged at once if an input breaks a rule."""
    require_for(actor, "exports.batch_record", org=site.org, enterprise_id=site.enterprise_id)
    errors: dict = {}
    if site.status != SiteStatus.REGISTERED:
        errors["site"] = [
            _("The site is %(status)s: only a registered site produces for export.")
            % {"status": site.get_status_display()}
        ]
    code = str(commodity or "").strip()
    hs = HsCode.objects.filter(code=code).first() if code else None
    if hs is None:
        errors["commodity"] = [_("Unknown HS code: %(code)s.") % {"code": code}]
    elif not _covers(list(site.commodities.values_list("code", flat=True)), code):
        errors["commodity"] = [_("The site is not registered for HS %(code)s.") % {"code": code}]
    country_code = str(destination or "").strip().upper()
    country = Country.objects.filter(code=country_code).first() if country_code else None
    if country is None:
        errors["destination"] = [_("Unknown country or region: %(code)s.") % {"code": country_code}]
    elif not site.destinations.filter(code=country.code).exists():
        errors["destination"] = [
            _("The site is not registered for exports to %(name)s.") % {"name": country.display_name}
        ]
    quantity = _quantity(quantity, errors)
    if harvested_on is None:
        errors["harvested_on"] = [_("This field is required.")]
    elif harvested_on > timezone.localdate():
        errors["harvested_on"] = [_("The date must not be in the future.")]
    ids = sorted({int(i) for i in inputs or []})
    valid = [i for i in ids if 0 < i < 2**63]
    records = list(InputRecord.objects.filter(site=site, pk__in=valid)) if valid else []
    if len(records) != len(ids):
        errors["inputs"] = [_("An input record named is not one of this site's.")]
    try:
        unit = text(unit, "unit", limit=20)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    batch = ProductionBatch(
        site=site,
        commodity=hs,
        quantity=quantity,
        unit=unit,
        harvested_on=harvested_on,
        destination=country,
        raw_lots=text(raw_lots, "raw_lots", required=False),
    )
    prefix = f"PC{site.org.code}{timezone.localdate():%Y%m%d}"
    insert_numbered(
        batch,
        key=f"exports.batch:{prefix}",
        number=lambda n: f"{prefix}{n:04d}",
        floor=lambda: _highest_taken(prefix),
    )
    batch.inputs.set(records)
    reasons = batch_flags(batch)
    if reasons:
        ProductionBatch.objects.filter(pk=batch.pk).update(flagged=True, flag_reasons=reasons)
        batch.flagged, batch.flag_reasons = True, reasons
    audit_record(
        actor=actor,
        verb="export_batch.recorded",
        obj=batch,
        org_path=site.org.path,
        after={
            **model_snapshot(batch, ["number", "commodity_id", "quantity", "harvested_on", "destination_id"]),
            "inputs": ids,
            "flagged": batch.flagged,
        },
    )
    return batch


def batches_reflag(*, site: ExportSite, since: dt.date, actor) -> list[ProductionBatch]:
    """Flag again the site's batches harvested on or after `since` (an input was entered late); audited."""
    changed = []
    horizon = since + dt.timedelta(days=LOOKBACK_DAYS)
    for batch in ProductionBatch.objects.filter(
        site=site, harvested_on__gte=since, harvested_on__lte=horizon
    ):
        reasons = batch_flags(batch)
        if reasons == batch.flag_reasons and bool(reasons) == batch.flagged:
            continue
        before = {"flagged": batch.flagged, "flag_reasons": batch.flag_reasons}
        batch.flagged, batch.flag_reasons = bool(reasons), reasons
        batch.version += 1
        batch.save(update_fields=["flagged", "flag_reasons", "version", "updated_at"])
        audit_record(
            actor=actor,
            verb="export_batch.flagged",
            obj=batch,
            org_path=site.org.path,
            before=before,
            after={"flagged": batch.flagged, "flag_reasons": reasons},
        )
        changed.append(batch)
    return changed


@transaction.atomic
def declaration_batches_attach(
    *, declaration, batches: list[ProductionBatch], actor
) -> list[DeclarationBatch]:
    """An export declaration names the production batches of its goods (the declarant's own batches)."""
    require_for(actor, "exports.batch_attach", org=declaration.port, enterprise_id=declaration.declarant_id)
    errors = {}
    if declaration.direction != Direction.EXPORT:
        errors["declaration"] = [_("Only an export declaration names production batches.")]
    elif declaration.status in FINAL_STATUSES:
        errors["declaration"] = [
            _("The declaration is closed (%(status)s).") % {"status": declaration.get_status_display()}
        ]
    if not batches:
        errors["batches"] = [_("Choose at least one batch.")]
    for batch in batches:
        if batch.site.enterprise_id != declaration.declarant_id:
            errors["batches"] = [_("Batch %(number)s is not the declarant's.") % {"number": batch.number}]
        elif (
            declaration.destination_country_id and batch.destination_id != declaration.destination_country_id
        ):
            errors["batches"] = [_("Batch %(number)s is for another destination.") % {"number": batch.number}]
    if errors:
        raise ValidationFailed(fields=errors)
    have = set(DeclarationBatch.objects.filter(declaration=declaration).values_list("batch_id", flat=True))
    links = [
        DeclarationBatch.objects.create(declaration=declaration, batch=b, added_by=actor)
        for b in batches
        if b.pk not in have
    ]
    if links:
        audit_record(
            actor=actor,
            verb="declaration.batches_attached",
            obj=declaration,
            org_path=declaration.port.path,
            after={"batches": [link.batch.number for link in links]},
        )
    return links


def _codes(value) -> list[str]:
    if isinstance(value, str):
        value = value.replace("，", ",").replace(";", ",").replace(" ", ",").split(",")
    seen: list[str] = []
    for v in value or []:
        v = str(v).strip().upper()
        if v and v not in seen:
            seen.append(v)
    return seen


def intake_batches_attach(*, declaration, numbers, actor) -> list[ProductionBatch]:
    """The batches an export declaration names as it is submitted, attached in the intake's transaction: the
    declarant's own, for the declared destination and a declared commodity; else refused naming `batch_numbers`.

    One statement reads the batches with their sites and one writes the links (none when no batch is named);
    the audit event joins the intake's batch. The caller holds the declaration as just recorded (its
    `recorded_lines`), so the lines are not read again."""
    wanted = _codes(numbers)
    if not wanted:
        return []
    field = "batch_numbers"
    if declaration.direction != Direction.EXPORT:
        raise ValidationFailed(fields={field: [_("Only an export declaration names production batches.")]})
    if len(wanted) > 50:
        raise ValidationFailed(fields={field: [_("At most %(n)d batches per declaration.") % {"n": 50}]})
    found = {
        b.number: b
        for b in ProductionBatch.objects.filter(number__in=wanted).select_related("site", "commodity")
    }
    lines = getattr(declaration, "recorded_lines", None)
    if lines is None:
        lines = list(declaration.lines.all())
    line_codes = [line.hs_id for line in lines]
    errors: dict[str, str] = {}  # by batch number: a bulk file names the row of each
    for number in wanted:
        batch = found.get(number)
        if batch is None or batch.site.enterprise_id != declaration.declarant_id:
            errors[number] = _("Batch %(number)s is not one of the declarant's.") % {"number": number}
        elif batch.destination_id != declaration.destination_country_id:
            errors[number] = _("Batch %(number)s is for %(batch)s, the declaration for %(declared)s.") % {
                "number": number,
                "batch": batch.destination_id,
                "declared": declaration.destination_country_id or "—",
            }
        elif not _covers(line_codes, batch.commodity_id):
            errors[number] = _("Batch %(number)s is of HS %(code)s, which no line declares.") % {
                "number": number,
                "code": batch.commodity_id,
            }
    if errors:
        refusal = ValidationFailed(fields={field: list(errors.values())})
        refusal.batch_errors = errors
        raise refusal
    batches = [found[n] for n in wanted]
    DeclarationBatch.objects.bulk_create(
        [DeclarationBatch(declaration=declaration, batch=b, added_by=actor) for b in batches]
    )
    audit_record(
        actor=actor,
        verb="declaration.batches_attached",
        obj=declaration,
        org_path=declaration.port.path,
        after={"batches": wanted},
    )
    return batches
