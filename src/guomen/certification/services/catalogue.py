"""Certification supervision writes: the CCC catalogue (national reference data): add, correct, retire.

Only an administrator or a supervisor (or leader) of the general bureau may change it; each change is validated
(the HS prefix must be on file), versioned and audited, and a retired entry keeps its history.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.permissions import require
from guomen.core.services import audit_record, model_snapshot

from ..models import CompulsoryProduct
from ..selectors import catalogue_editable
from .records import _clean

CATALOGUE_FIELDS = ["hs_prefix", "name_zh", "announcement", "in_force_from", "retired_on", "retired_reason"]


def _require_catalogue_editor(actor) -> None:
    """The catalogue is national: an administrator, or a supervisor (or leader) of the general bureau."""
    require(actor, "certification.catalogue")
    if not catalogue_editable(actor):
        raise PermissionDenied(
            _(
                "The CCC catalogue is national reference data: only an administrator or a supervisor of the "
                "general bureau may change it."
            )
        )


def _catalogue_fields(*, hs_prefix, name_zh, entry=None) -> tuple[str, str]:
    from guomen.catalog.models import HsCode
    from guomen.catalog.selectors import normalise_hs

    errors = {}
    prefix = normalise_hs(hs_prefix)
    if not (prefix.isdigit() and 2 <= len(prefix) <= 10):
        errors["hs_prefix"] = [_("HS code or prefix: enter 2 to 10 digits.")]
    elif not HsCode.objects.filter(code=prefix).exists():
        errors["hs_prefix"] = [
            _("HS code or prefix: %(code)s is not in the HS catalogue.") % {"code": prefix}
        ]
    else:
        taken = CompulsoryProduct.objects.filter(hs_prefix=prefix, retired_on__isnull=True)
        if entry is not None:
            taken = taken.exclude(pk=entry.pk)
        if taken.exists():
            errors["hs_prefix"] = [
                _("HS code or prefix: %(code)s is already in the catalogue.") % {"code": prefix}
            ]
    name = str(name_zh or "").strip()
    if not name:
        errors["name_zh"] = [_("Product category: this field is required.")]
    if errors:
        raise ValidationFailed(fields=errors)
    return prefix, name


@transaction.atomic
def catalogue_add(
    *, hs_prefix: str, name_zh: str, announcement: str = "", in_force_from: dt.date | None = None, actor
) -> CompulsoryProduct:
    """Put goods under the compulsory certification catalogue: from `in_force_from` (default today) the release
    rule `ccc_certificate_missing` stops them for a consignee without a valid CCC certificate covering them."""
    _require_catalogue_editor(actor)
    prefix, name = _catalogue_fields(hs_prefix=hs_prefix, name_zh=name_zh)
    entry = CompulsoryProduct(
        hs_prefix=prefix,
        name_zh=name,
        announcement=str(announcement or "").strip(),
        in_force_from=in_force_from or timezone.localdate(),
    )
    _clean(entry)
    entry.save(force_insert=True)
    audit_record(
        actor=actor,
        verb="ccc_catalogue.added",
        obj=entry,
        after=model_snapshot(entry, CATALOGUE_FIELDS),
    )
    return entry


def _live(entry: CompulsoryProduct, expected_version) -> None:
    if entry.retired_on is not None:
        raise IllegalTransition(_("This entry was retired; add a new entry instead."))
    if expected_version is not None and expected_version != entry.version:
        raise Conflict()


@transaction.atomic
def catalogue_edit(
    *,
    entry: CompulsoryProduct,
    hs_prefix: str,
    name_zh: str,
    announcement: str = "",
    in_force_from: dt.date | None = None,
    actor,
    expected_version: int | None = None,
) -> CompulsoryProduct:
    """Correct an entry still in the catalogue (its HS prefix, category, announcement or start)."""
    _require_catalogue_editor(actor)
    _live(entry, expected_version)
    prefix, name = _catalogue_fields(hs_prefix=hs_prefix, name_zh=name_zh, entry=entry)
    before = model_snapshot(entry, CATALOGUE_FIELDS)
    changes = {
        "hs_prefix": prefix,
        "name_zh": name,
        "announcement": str(announcement or "").strip(),
        "in_force_from": in_force_from or entry.in_force_from,
    }
    _save_entry(entry, changes)
    audit_record(
        actor=actor,
        verb="ccc_catalogue.edited",
        obj=entry,
        before=before,
        after=model_snapshot(entry, CATALOGUE_FIELDS),
    )
    return entry


def _save_entry(entry: CompulsoryProduct, changes: dict) -> None:
    updated = CompulsoryProduct.objects.filter(pk=entry.pk, version=entry.version).update(
        version=entry.version + 1, **changes
    )
    if not updated:
        raise Conflict()
    for key, value in changes.items():
        setattr(entry, key, value)
    entry.version += 1


@transaction.atomic
def catalogue_retire(
    *,
    entry: CompulsoryProduct,
    retired_on: dt.date | None = None,
    reason: str,
    actor,
    expected_version: int | None = None,
) -> CompulsoryProduct:
    """Take goods out of the catalogue from `retired_on` (today or later; default today): the entry is kept as
    history and the release rule stops applying to them from that day."""
    _require_catalogue_editor(actor)
    _live(entry, expected_version)
    today = timezone.localdate()
    retired_on = retired_on or today
    errors = {}
    if retired_on < today:
        errors["retired_on"] = [_("Retired from: the date must not be in the past.")]
    if not str(reason or "").strip():
        errors["reason"] = [_("Reason: this field is required.")]
    if errors:
        raise ValidationFailed(fields=errors)
    before = model_snapshot(entry, CATALOGUE_FIELDS)
    _save_entry(entry, {"retired_on": retired_on, "retired_reason": str(reason).strip()[:255]})
    audit_record(
        actor=actor,
        verb="ccc_catalogue.retired",
        obj=entry,
        before=before,
        after=model_snapshot(entry, CATALOGUE_FIELDS),
        reason=str(reason).strip(),
    )
    return entry
