"""Writes of the first four port lines (food hygiene licences, solid-waste consignees, agency findings, packaging
use results) and the helpers every portlines service shares: the role and jurisdiction check, field checks, the
audited insert and update, and `status_set` (one service that moves any record along its transitions table)."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from .. import choices as c
from ..models import (
    AgencyFinding,
    AgencyRegistration,
    FoodLicence,
    PackagingUse,
    PerformanceTest,
    PortRecord,
    WasteConsignee,
)

UN_NUMBER = re.compile(r"^(?:UN)?\s*(\d{4})$", re.IGNORECASE)


def _require_here(actor, action: str, org) -> None:
    require(actor, action)
    if getattr(actor, "role", None) == Role.ENTERPRISE or not org_in_scope(actor, org):
        raise PermissionDenied(_("This enterprise is outside your jurisdiction."))


def _text(value, field: str, errors: dict | None = None) -> str:
    text = str(value or "").strip()
    if not text:
        if errors is None:
            raise ValidationFailed(fields={field: [_("This field is required.")]})
        errors[field] = [_("This field is required.")]
    return text


def _past(value, field: str, errors: dict) -> None:
    if value is None:
        errors[field] = [_("This field is required.")]
    elif value > timezone.localdate():
        errors[field] = [_("The date must not be in the future.")]


def _kind_check(model, enterprise, errors: dict) -> None:
    if enterprise.kind != model.ENTERPRISE_KIND:
        from guomen.registry.choices import EnterpriseKind

        errors["enterprise"] = [
            _("Choose an enterprise on file as: %(kind)s.")
            % {"kind": EnterpriseKind(model.ENTERPRISE_KIND).label}
        ]


def _insert(record, *, actor, verb: str, fields: list[str]):
    try:
        record.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc
    record.save(force_insert=True)
    audit_record(
        actor=actor, verb=verb, obj=record, org_path=record.org.path, after=model_snapshot(record, fields)
    )
    return record


def _update(record: PortRecord, *, changes: dict, actor, verb: str, reason: str = "", expected_version=None):
    """Change fields other than the status: compare-and-set on the version, audited."""
    version = record.version if expected_version is None else expected_version
    updated = (
        type(record)
        .objects.filter(pk=record.pk, version=version)
        .update(version=models.F("version") + 1, **changes)
    )
    if not updated:
        raise Conflict()
    before = {name: getattr(record, name) for name in changes}
    for name, value in changes.items():
        setattr(record, name, value)
    record.version = version + 1
    audit_record(
        actor=actor,
        verb=verb,
        obj=record,
        org_path=record.org.path,
        before=before,
        after=changes,
        reason=reason,
    )
    return record


@transaction.atomic
def status_set(*, record, to: str, reason: str, actor, expected_version=None, extra=None):
    """Move any of the records along its transitions table, with the reason (required) kept on the record."""
    return _move(record, to, reason, actor, "portlines.edit", expected_version, extra)


def _move(record, to: str, reason: str, actor, action: str, expected_version=None, extra=None):
    _require_here(actor, action, record.org)
    reason = _text(reason, "reason")[:255]
    return transition(
        record,
        to=to,
        allowed=type(record).TRANSITIONS,
        actor=actor,
        verb=f"{record._meta.model_name}.status",
        reason=reason,
        expected_version=expected_version,
        org_path=record.org.path,
        extra_fields={"status_reason": reason, **(extra or {})},
    )


def _follow(record, to: str, reason: str, actor):
    """A status change that follows from another record (a failed batch, a date passed), not a person's decision
    on this one: checked against the transitions table and audited, without the actor's jurisdiction check."""
    return transition(
        record,
        to=to,
        allowed=type(record).TRANSITIONS,
        actor=actor,
        verb=f"{record._meta.model_name}.status",
        reason=reason,
        org_path=record.org.path,
        extra_fields={"status_reason": reason[:255]},
    )


# Port food hygiene licences ------------------------------------------------------------------------


@transaction.atomic
def licence_issue(
    *, enterprise, number: str, business: str, premises: str, valid_from: dt.date, valid_until: dt.date, actor
) -> FoodLicence:
    """Put the food hygiene licence of a food business at the port on file."""
    _require_here(actor, "portlines.edit", enterprise.org)
    errors: dict = {}
    _kind_check(FoodLicence, enterprise, errors)
    number = _text(number, "number", errors)
    if number and FoodLicence.objects.filter(number=number).exists():
        errors["number"] = [_("A licence with this number is already on file.")]
    if business not in c.FoodBusiness.values:
        errors["business"] = [_("Choose the kind of business.")]
    _text(premises, "premises", errors)
    if valid_from and valid_until and valid_until < valid_from:
        errors["valid_until"] = [_("The licence expires before it is valid.")]
    if errors:
        raise ValidationFailed(fields=errors)
    licence = FoodLicence(
        enterprise=enterprise,
        org=enterprise.org,
        number=number,
        business=business,
        premises=str(premises).strip(),
        valid_from=valid_from,
        valid_until=valid_until,
    )
    return _insert(
        licence, actor=actor, verb="foodlicence.issued", fields=["number", "valid_from", "valid_until"]
    )


@transaction.atomic
def licence_grade(*, licence: FoodLicence, grade: str, graded_on: dt.date, actor, expected_version=None):
    """Record the grade (A/B/C) of the annual hygiene assessment of a valid licence."""
    _require_here(actor, "portlines.check", licence.org)
    errors: dict = {}
    if grade not in c.Grade.values:
        errors["grade"] = [_("Choose grade A, B or C.")]
    _past(graded_on, "graded_on", errors)
    if licence.status != c.LicenceStatus.VALID:
        errors["grade"] = [_("Only a valid licence is graded.")]
    if errors:
        raise ValidationFailed(fields=errors)
    return _update(
        licence,
        changes={"grade": grade, "graded_on": graded_on},
        actor=actor,
        verb="foodlicence.graded",
        expected_version=expected_version,
    )


# Imported solid-waste consignees -------------------------------------------------------------------


@transaction.atomic
def consignee_apply(*, enterprise, materials: str, applied_on: dt.date, actor) -> WasteConsignee:
    """Record a consignee's application for registration."""
    _require_here(actor, "portlines.check", enterprise.org)
    errors: dict = {}
    _kind_check(WasteConsignee, enterprise, errors)
    _text(materials, "materials", errors)
    _past(applied_on, "applied_on", errors)
    live = (c.ConsigneeStatus.APPLIED, c.ConsigneeStatus.REGISTERED, c.ConsigneeStatus.SUSPENDED)
    if WasteConsignee.objects.filter(enterprise=enterprise, status__in=live).exists():
        errors["enterprise"] = [_("This consignee already has a registration or an application under way.")]
    if errors:
        raise ValidationFailed(fields=errors)
    record = WasteConsignee(
        enterprise=enterprise, org=enterprise.org, materials=str(materials).strip(), applied_on=applied_on
    )
    return _insert(record, actor=actor, verb="wasteconsignee.applied", fields=["materials", "applied_on"])


@transaction.atomic
def consignee_register(
    *, consignee: WasteConsignee, number: str, registered_on: dt.date, actor, expected_version=None
):
    """Register an applicant: a registration number, and the first annual review a year later."""
    errors: dict = {}
    number = _text(number, "number", errors)
    if number and WasteConsignee.objects.filter(number=number).exclude(pk=consignee.pk).exists():
        errors["number"] = [_("A registration with this number is already on file.")]
    _past(registered_on, "registered_on", errors)
    _require_here(actor, "portlines.edit", consignee.org)
    if errors:
        raise ValidationFailed(fields=errors)
    extra = {"number": number, "registered_on": registered_on, "review_due": _year_after(registered_on)}
    reason = _("Registered")
    return status_set(
        record=consignee,
        to=c.ConsigneeStatus.REGISTERED,
        reason=reason,
        actor=actor,
        expected_version=expected_version,
        extra=extra,
    )


def _year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def consignee_review(
    *,
    consignee: WasteConsignee,
    reviewed_on: dt.date,
    passed: bool,
    reason: str,
    actor,
    expected_version=None,
):
    """The annual review: passed moves the next review a year on; failed suspends the registration."""
    _require_here(actor, "portlines.check", consignee.org)
    errors: dict = {}
    _past(reviewed_on, "reviewed_on", errors)
    reason = _text(reason, "reason", errors)
    if consignee.status != c.ConsigneeStatus.REGISTERED:
        errors["status"] = [_("Only a registered consignee is reviewed.")]
    if errors:
        raise ValidationFailed(fields=errors)
    if passed:
        changes = {"review_due": _year_after(reviewed_on)}
        return _update(
            consignee,
            changes=changes,
            actor=actor,
            verb="wasteconsignee.reviewed",
            reason=reason,
            expected_version=expected_version,
        )
    return _move(consignee, c.ConsigneeStatus.SUSPENDED, reason, actor, "portlines.check", expected_version)


# Inspection-agency findings and penalties (口岸天平) ---------------------------------------------------


@transaction.atomic
def finding_open(*, enterprise, check_kind: str, found_on: dt.date, description: str, actor) -> AgencyFinding:
    """Record a problem found in an agency's goods inspection or factory audit."""
    _require_here(actor, "portlines.check", enterprise.org)
    errors: dict = {}
    _kind_check(AgencyFinding, enterprise, errors)
    if check_kind not in c.AgencyCheckKind.values:
        errors["check_kind"] = [_("Choose goods inspection or factory audit.")]
    _past(found_on, "found_on", errors)
    _text(description, "description", errors)
    if errors:
        raise ValidationFailed(fields=errors)
    finding = AgencyFinding(
        enterprise=enterprise,
        org=enterprise.org,
        registration=AgencyRegistration.objects.filter(enterprise=enterprise).order_by("-id").first(),
        check_kind=check_kind,
        found_on=found_on,
        description=str(description).strip(),
    )
    return _insert(finding, actor=actor, verb="agencyfinding.opened", fields=["check_kind", "found_on"])


@transaction.atomic
def finding_decide(
    *,
    finding: AgencyFinding,
    to: str,
    reason: str,
    penalty: str = "",
    severity: str = "general",
    actor,
    expected_version=None,
) -> AgencyFinding:
    """Penalise (a credit violation of the agency, the penalty decision as evidence) or dismiss a finding."""
    from guomen.supervision.services import credit_event_record

    _require_here(actor, "portlines.edit", finding.org)
    extra = {}
    if to == c.FindingStatus.PENALISED:
        penalty = _text(penalty, "penalty")[:255]
        event = credit_event_record(
            enterprise=finding.enterprise,
            kind="violation",
            severity=severity,
            occurred_on=finding.found_on,
            description=_("Inspection agency: %(what)s") % {"what": finding.description[:200]},
            evidence=penalty,
            source_ref=f"agency_finding:{finding.pk}",
            actor=actor,
        )
        extra = {"penalty": penalty, "credit_event_id": event.pk}
    return status_set(
        record=finding, to=to, reason=reason, actor=actor, expected_version=expected_version, extra=extra
    )


# Dangerous-goods packaging use --------------------------------------------------------------------


@transaction.atomic
def use_record(
    *,
    enterprise,
    packaging: str,
    un_number: str,
    goods: str,
    inspected_on: dt.date,
    result: str,
    valid_until: dt.date | None = None,
    batch: str = "",
    actor,
) -> PackagingUse:
    """Record the result of a use inspection of a dangerous-goods packaging (a passed one is valid until a date)."""
    _require_here(actor, "portlines.check", enterprise.org)
    errors: dict = {}
    _kind_check(PackagingUse, enterprise, errors)
    if packaging not in c.PackagingKind.values:
        errors["packaging"] = [_("Choose the packaging type.")]
    match = UN_NUMBER.match(str(un_number or "").strip())
    if not match:
        errors["un_number"] = [_("Enter a UN number of four digits, e.g. UN1203.")]
    _text(goods, "goods", errors)
    _past(inspected_on, "inspected_on", errors)
    if result not in c.UseResult.values:
        errors["result"] = [_("Choose passed or failed.")]
    if result == c.UseResult.PASSED and (
        valid_until is None or (inspected_on and valid_until <= inspected_on)
    ):
        errors["valid_until"] = [_("A passed result is valid until a date after the inspection.")]
    batch = str(batch or "").strip()[:40]
    if batch and _batch_failed(batch):
        errors["batch"] = [
            _("The packaging batch %(batch)s failed its performance test: it may not be used.")
            % {"batch": batch}
        ]
    if errors:
        raise ValidationFailed(fields=errors)
    passed = result == c.UseResult.PASSED
    record = PackagingUse(
        enterprise=enterprise,
        org=enterprise.org,
        packaging=packaging,
        batch=batch,
        un_number=f"UN{match.group(1)}",
        goods=str(goods).strip(),
        inspected_on=inspected_on,
        result=result,
        valid_until=valid_until if passed else None,
        status=c.UseStatus.VALID if passed else c.UseStatus.REFUSED,
    )
    return _insert(
        record,
        actor=actor,
        verb="packaginguse.recorded",
        fields=["un_number", "batch", "result", "valid_until"],
    )


def _batch_failed(batch: str) -> bool:
    """Whether the newest performance test of the packaging batch failed (its use is suspended)."""
    latest = PerformanceTest.objects.filter(batch=batch).exclude(status=c.PerformanceStatus.WITHDRAWN)
    latest = latest.order_by("-tested_on", "-id").values_list("passed", flat=True).first()
    return latest is False
