"""Export production sites: application, review, registration, suspension and cancellation, annual review."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.catalog.models import Country, HsCode
from guomen.core.errors import ValidationFailed
from guomen.core.numbering import next_value
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from ..choices import REASON_REQUIRED, SITE_TRANSITIONS, SiteKind, SiteStatus
from ..models import ExportSite
from .common import clean, require_for, text


def _commodities(codes) -> list[HsCode]:
    codes = sorted({str(c).strip() for c in codes or [] if str(c).strip()})
    if not codes:
        raise ValidationFailed(fields={"commodities": [_("Name at least one commodity (HS code).")]})
    found = list(HsCode.objects.filter(code__in=codes))
    unknown = set(codes) - {h.code for h in found}
    if unknown:
        raise ValidationFailed(
            fields={"commodities": [_("Unknown HS code: %(code)s.") % {"code": sorted(unknown)[0]}]}
        )
    return found


def _destinations(codes) -> list[Country]:
    codes = sorted({str(c).strip().upper() for c in codes or [] if str(c).strip()})
    if not codes:
        raise ValidationFailed(fields={"destinations": [_("Name at least one destination.")]})
    found = list(Country.objects.filter(code__in=codes))
    unknown = set(codes) - {c.code for c in found}
    if unknown:
        raise ValidationFailed(
            fields={
                "destinations": [_("Unknown country or region: %(code)s.") % {"code": sorted(unknown)[0]}]
            }
        )
    return found


@transaction.atomic
def site_apply(
    *,
    enterprise,
    name: str,
    kind: str,
    address: str,
    commodities: list[str],
    destinations: list[str],
    hk_macao: bool = False,
    actor,
) -> ExportSite:
    """An enterprise (or the supervising unit for it) applies to register an export production site."""
    require_for(actor, "exports.site_apply", org=enterprise.org, enterprise_id=enterprise.pk)
    errors = {}
    if kind not in SiteKind.values:
        errors["kind"] = [_("Choose the type of site.")]
    try:
        name = text(name, "name", limit=200)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    try:
        address = text(address, "address")
    except ValidationFailed as exc:
        errors.update(exc.fields)
    hs, countries = [], []
    try:
        hs = _commodities(commodities)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    try:
        countries = _destinations(destinations)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationFailed(fields=errors)
    site = ExportSite(
        name=name,
        kind=kind,
        enterprise=enterprise,
        org=enterprise.org,
        address=address,
        hk_macao=bool(hk_macao),
    )
    clean(site)
    site.save(force_insert=True)
    site.commodities.set(hs)
    site.destinations.set(countries)
    audit_record(
        actor=actor,
        verb="export_site.applied",
        obj=site,
        org_path=site.org.path,
        after={
            **model_snapshot(site, ["name", "kind", "address", "hk_macao"]),
            "commodities": [h.code for h in hs],
            "destinations": [c.code for c in countries],
        },
    )
    return site


def _highest_number(prefix: str) -> int:
    top = ExportSite.objects.filter(registration_number__startswith=prefix).aggregate(
        top=Max("registration_number")
    )["top"]
    return int(top[len(prefix) :]) if top and top[len(prefix) :].isdigit() else 0


def _registration_number(site: ExportSite) -> str:
    prefix = f"{site.org.code}CK{timezone.localdate():%Y}"
    value = next_value(f"exports.site:{prefix}", floor=lambda: _highest_number(prefix))
    return f"{prefix}{value:04d}"


def next_review(on: dt.date) -> dt.date:
    try:
        return on.replace(year=on.year + 1)
    except ValueError:  # 29 February
        return on + dt.timedelta(days=365)


@transaction.atomic
def site_set_status(
    *, site: ExportSite, to: str, reason: str = "", actor, expected_version=None
) -> ExportSite:
    """Move a site along SITE_TRANSITIONS (supervisor): review, register (number and annual review date given),
    suspend or cancel (a reason is required), reinstate. Each step is audited."""
    require_for(actor, "exports.site_review", org=site.org, enterprise_id=None)
    reason = text(reason, "reason", required=to in REASON_REQUIRED)
    extra = {"status_reason": reason if to in REASON_REQUIRED else ""}
    if to == SiteStatus.REGISTERED:
        today = timezone.localdate()
        if not site.registration_number:
            extra["registration_number"] = _registration_number(site)
        if site.registered_on is None:
            extra["registered_on"] = today
        if site.review_due is None:
            extra["review_due"] = next_review(today)
    return transition(
        site,
        to=to,
        allowed=SITE_TRANSITIONS,
        actor=actor,
        verb="export_site.status",
        reason=reason,
        expected_version=expected_version,
        org_path=site.org.path,
        extra_fields=extra,
    )


@transaction.atomic
def site_annual_review(
    *, site: ExportSite, reviewed_on: dt.date | None = None, note: str = "", actor
) -> ExportSite:
    """Record the annual review of a registered site; the next one falls due a year later."""
    require_for(actor, "exports.site_review", org=site.org, enterprise_id=None)
    reviewed_on = reviewed_on or timezone.localdate()
    if reviewed_on > timezone.localdate():
        raise ValidationFailed(fields={"reviewed_on": [_("The date must not be in the future.")]})
    if site.status != SiteStatus.REGISTERED:
        raise ValidationFailed(fields={"status": [_("Only a registered site is reviewed.")]})
    before = site.review_due
    site.review_due = next_review(reviewed_on)
    site.version += 1
    site.save(update_fields=["review_due", "version", "updated_at"])
    audit_record(
        actor=actor,
        verb="export_site.reviewed",
        obj=site,
        org_path=site.org.path,
        before={"review_due": before},
        after={"review_due": site.review_due, "reviewed_on": reviewed_on},
        reason=text(note, "note", required=False),
    )
    return site
