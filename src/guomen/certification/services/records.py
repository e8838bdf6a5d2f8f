"""Certification supervision writes: certificates and their status, annual checks, mark-misuse cases.

Every write checks the role and the jurisdiction (the holder's supervising unit must be the actor's unit or one
below it), validates before saving and appends an audit event; status changes go through the transitions tables.
A mark-misuse penalty is recorded as a credit violation of the enterprise (supervision's credit machinery), so it
counts in the credit grade like any other violation.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import (
    IllegalTransition,
    PermissionDenied,
    ValidationFailed,
    validation_error_from_django,
)
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition
from guomen.registry.choices import EnterpriseKind

from ..choices import (
    CERTIFICATE_TRANSITIONS,
    CHECK_TRANSITIONS,
    MISUSE_TRANSITIONS,
    CheckItem,
    CheckStatus,
    MisuseStatus,
    Scheme,
)
from ..models import AnnualCheck, Certificate, MarkMisuseCase

RESULT_VALUES = ("ok", "nc", "na")


def _clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def _require_here(actor, action: str, org) -> None:
    require(actor, action)
    if getattr(actor, "role", None) == Role.ENTERPRISE or not org_in_scope(actor, org):
        raise PermissionDenied(_("This enterprise is outside your jurisdiction."))


def _text(value, field: str, *, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationFailed(fields={field: [_("This field is required.")]})
    return text


def _reason(reason: str) -> str:
    return _text(reason, "reason")


@transaction.atomic
def certificate_register(
    *,
    enterprise,
    scheme: str,
    number: str,
    products: str,
    valid_from: dt.date,
    valid_until: dt.date,
    body=None,
    body_name: str = "",
    hs_code: str = "",
    actor,
) -> Certificate:
    """Put a certificate of an enterprise of the actor's jurisdiction on file."""
    _require_here(actor, "certification.edit", enterprise.org)
    errors = {}
    number = str(number or "").strip()
    if scheme not in Scheme.values:
        errors["scheme"] = [_("Choose a certification scheme.")]
    if number and Certificate.objects.filter(number=number).exists():
        errors["number"] = [_("A certificate with this number is already on file.")]
    if body is not None and body.kind != EnterpriseKind.CERTIFICATION_BODY:
        errors["body"] = [_("Choose an enterprise on file as a certification body.")]
    if body is None and not str(body_name or "").strip():
        errors["body"] = [_("Name the certification body.")]
    if valid_from and valid_until and valid_until < valid_from:
        errors["valid_until"] = [_("The certificate expires before it is valid.")]
    hs_code = str(hs_code or "").strip()
    if hs_code and not (hs_code.isdigit() and 2 <= len(hs_code) <= 10):
        errors["hs_code"] = [_("Enter 2 to 10 digits.")]
    if errors:
        raise ValidationFailed(fields=errors)
    certificate = Certificate(
        number=number,
        scheme=scheme,
        enterprise=enterprise,
        body=body,
        body_name=str(body_name or "").strip(),
        products=str(products or "").strip(),
        hs_code=hs_code,
        valid_from=valid_from,
        valid_until=valid_until,
        org=enterprise.org,
    )
    _clean(certificate)
    certificate.save(force_insert=True)
    audit_record(
        actor=actor,
        verb="certificate.registered",
        obj=certificate,
        org_path=certificate.org.path,
        after=model_snapshot(certificate, ["number", "scheme", "valid_from", "valid_until"]),
    )
    return certificate


@transaction.atomic
def certificate_set_status(*, certificate: Certificate, to: str, reason: str, actor, expected_version=None):
    """Suspend, restore, revoke or expire a certificate (CERTIFICATE_TRANSITIONS), with a reason."""
    _require_here(actor, "certification.edit", certificate.org)
    return transition(
        certificate,
        to=to,
        allowed=CERTIFICATE_TRANSITIONS,
        actor=actor,
        verb="certificate.status",
        reason=_reason(reason),
        expected_version=expected_version,
        org_path=certificate.org.path,
    )


@transaction.atomic
def check_plan(*, certificate: Certificate, planned_on: dt.date, actor) -> AnnualCheck:
    """Plan the annual supervision check of a certified enterprise."""
    _require_here(actor, "certification.edit", certificate.org)
    if certificate.status != "valid":
        raise ValidationFailed(fields={"certificate": [_("Only a valid certificate is checked.")]})
    if planned_on is None:
        raise ValidationFailed(fields={"planned_on": [_("This field is required.")]})
    check = AnnualCheck(certificate=certificate, org=certificate.org, planned_on=planned_on)
    _clean(check)
    check.save(force_insert=True)
    audit_record(
        actor=actor,
        verb="certification_check.planned",
        obj=check,
        org_path=check.org.path,
        after={"planned_on": planned_on},
    )
    return check


def _results(results: dict) -> dict[str, str]:
    clean, errors = {}, {}
    for item in CheckItem.values:
        value = str((results or {}).get(item, "") or "")
        if value not in RESULT_VALUES:
            errors[f"results.{item}"] = [_("Choose conforming, non-conforming or not applicable.")]
        clean[item] = value
    unknown = set(results or {}) - set(CheckItem.values)
    if unknown:
        errors["results"] = [_("Unknown checklist item: %(item)s.") % {"item": sorted(unknown)[0]}]
    if errors:
        raise ValidationFailed(fields=errors)
    return clean


@transaction.atomic
def check_record(
    *,
    check: AnnualCheck,
    results: dict,
    findings: str = "",
    rectification_due: dt.date | None = None,
    checked_on: dt.date | None = None,
    actor,
    expected_version=None,
) -> AnnualCheck:
    """Record a planned check against the checklist. Non-conformities need a description and a rectification
    date, and send the check to rectification; a clean check is closed."""
    _require_here(actor, "certification.check", check.org)
    clean = _results(results)
    checked_on = checked_on or timezone.localdate()
    bad = [item for item, value in clean.items() if value == "nc"]
    errors = {}
    if checked_on > timezone.localdate():
        errors["checked_on"] = [_("The date must not be in the future.")]
    if bad and not str(findings or "").strip():
        errors["findings"] = [_("Describe the non-conformities found.")]
    if bad and (rectification_due is None or rectification_due < checked_on):
        errors["rectification_due"] = [_("Give a rectification date on or after the check.")]
    if errors:
        raise ValidationFailed(fields=errors)
    to = CheckStatus.RECTIFYING if bad else CheckStatus.CLOSED
    return transition(
        check,
        to=to,
        allowed=CHECK_TRANSITIONS,
        actor=actor,
        verb="certification_check.recorded",
        expected_version=expected_version,
        org_path=check.org.path,
        extra_fields={
            "results": clean,
            "findings": str(findings or "").strip(),
            "checked_on": checked_on,
            "rectification_due": rectification_due if bad else None,
            "inspector_id": actor.pk,
        },
    )


@transaction.atomic
def check_close(*, check: AnnualCheck, rectified_on: dt.date, reason: str, actor, expected_version=None):
    """Close a check once the enterprise's rectification has been verified."""
    _require_here(actor, "certification.check", check.org)
    if check.status != CheckStatus.RECTIFYING:
        raise IllegalTransition(
            _("Only a check under rectification is closed this way; record the check first.")
        )
    if rectified_on is None or rectified_on > timezone.localdate():
        raise ValidationFailed(
            fields={"rectified_on": [_("Give the date of rectification, not in the future.")]}
        )
    return transition(
        check,
        to=CheckStatus.CLOSED,
        allowed=CHECK_TRANSITIONS,
        actor=actor,
        verb="certification_check.closed",
        reason=_reason(reason),
        expected_version=expected_version,
        org_path=check.org.path,
        extra_fields={"rectified_on": rectified_on},
    )


@transaction.atomic
def check_cancel(*, check: AnnualCheck, reason: str, actor, expected_version=None):
    _require_here(actor, "certification.edit", check.org)
    return transition(
        check,
        to=CheckStatus.CANCELLED,
        allowed=CHECK_TRANSITIONS,
        actor=actor,
        verb="certification_check.cancelled",
        reason=_reason(reason),
        expected_version=expected_version,
        org_path=check.org.path,
    )


@transaction.atomic
def misuse_open(
    *, enterprise, found_on: dt.date, description: str, certificate=None, actor
) -> MarkMisuseCase:
    """Open a case of certification-mark misuse found at an enterprise of the actor's jurisdiction."""
    _require_here(actor, "certification.check", enterprise.org)
    errors = {}
    if found_on is None or found_on > timezone.localdate():
        errors["found_on"] = [_("The date must not be in the future.")]
    if certificate is not None and certificate.enterprise_id != enterprise.pk:
        errors["certificate"] = [_("The certificate belongs to another enterprise.")]
    if not str(description or "").strip():
        errors["description"] = [_("Describe what was found.")]
    if errors:
        raise ValidationFailed(fields=errors)
    case = MarkMisuseCase(
        enterprise=enterprise,
        certificate=certificate,
        org=enterprise.org,
        found_on=found_on,
        description=str(description).strip(),
    )
    _clean(case)
    case.save(force_insert=True)
    audit_record(
        actor=actor, verb="mark_misuse.opened", obj=case, org_path=case.org.path, after={"found_on": found_on}
    )
    return case


@transaction.atomic
def misuse_decide(
    *,
    case: MarkMisuseCase,
    to: str,
    reason: str,
    penalty: str = "",
    severity: str = "general",
    actor,
    expected_version=None,
) -> MarkMisuseCase:
    """Penalise (a credit violation of the enterprise is recorded with the penalty as evidence) or dismiss."""
    from guomen.supervision.services import credit_event_record

    _require_here(actor, "certification.edit", case.org)
    reason = _reason(reason)
    extra = {}
    if to == MisuseStatus.PENALISED:
        penalty = _text(penalty, "penalty")
        event = credit_event_record(
            enterprise=case.enterprise,
            kind="violation",
            severity=severity,
            occurred_on=case.found_on,
            description=_("Certification-mark misuse: %(what)s") % {"what": case.description[:200]},
            evidence=penalty,
            source_ref=f"mark_misuse:{case.pk}",
            actor=actor,
        )
        extra = {"penalty": penalty, "credit_event_id": event.pk}
    return transition(
        case,
        to=to,
        allowed=MISUSE_TRANSITIONS,
        actor=actor,
        verb="mark_misuse.decided",
        reason=reason,
        expected_version=expected_version,
        org_path=case.org.path,
        extra_fields=extra,
    )


@transaction.atomic
def misuse_close(*, case: MarkMisuseCase, reason: str, actor, expected_version=None) -> MarkMisuseCase:
    _require_here(actor, "certification.edit", case.org)
    return transition(
        case,
        to=MisuseStatus.CLOSED,
        allowed=MISUSE_TRANSITIONS,
        actor=actor,
        verb="mark_misuse.closed",
        reason=_reason(reason),
        expected_version=expected_version,
        org_path=case.org.path,
    )
