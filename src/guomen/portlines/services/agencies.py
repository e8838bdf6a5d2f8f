"""Inspection agencies (检验鉴定机构): their registration with a scope of business, a qualification number, a
validity and an annual review. Findings (口岸天平) are in records.py and hang on the registration."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed

from .. import choices as c
from ..models import AgencyRegistration
from .records import (
    _insert,
    _kind_check,
    _move,
    _past,
    _require_here,
    _text,
    _update,
    _year_after,
    status_set,
)

LIVE = (c.AgencyStatus.APPLIED, c.AgencyStatus.REGISTERED, c.AgencyStatus.SUSPENDED)


def _scope(values, errors: dict) -> str:
    codes = []
    for value in values or []:
        code = str(value).strip()
        if code not in c.AgencyScope.values:
            errors["scope"] = [_("Choose the scope of business from the list.")]
            return ""
        if code not in codes:
            codes.append(code)
    if not codes:
        errors["scope"] = [_("Choose at least one line of business.")]
    return " ".join(code for code in c.AgencyScope.values if code in codes)


@transaction.atomic
def agency_apply(*, enterprise, scope: list[str], applied_on: dt.date, actor) -> AgencyRegistration:
    """Record an inspection agency's application for registration with the scope of business it applies for."""
    _require_here(actor, "portlines.check", enterprise.org)
    errors: dict = {}
    _kind_check(AgencyRegistration, enterprise, errors)
    codes = _scope(scope, errors)
    _past(applied_on, "applied_on", errors)
    if AgencyRegistration.objects.filter(enterprise=enterprise, status__in=LIVE).exists():
        errors["enterprise"] = [_("This agency already has a registration or an application under way.")]
    if errors:
        raise ValidationFailed(fields=errors)
    record = AgencyRegistration(enterprise=enterprise, org=enterprise.org, scope=codes, applied_on=applied_on)
    return _insert(record, actor=actor, verb="agencyregistration.applied", fields=["scope", "applied_on"])


@transaction.atomic
def agency_register(
    *,
    registration: AgencyRegistration,
    number: str,
    registered_on: dt.date,
    valid_until: dt.date,
    actor,
    expected_version=None,
) -> AgencyRegistration:
    """Register an applicant: its qualification number and validity; the first annual review a year on."""
    _require_here(actor, "portlines.edit", registration.org)
    errors: dict = {}
    number = _text(number, "number", errors)
    if number and AgencyRegistration.objects.filter(number=number).exclude(pk=registration.pk).exists():
        errors["number"] = [_("A registration with this number is already on file.")]
    _past(registered_on, "registered_on", errors)
    if valid_until is None:
        errors["valid_until"] = [_("This field is required.")]
    elif registered_on and valid_until <= registered_on:
        errors["valid_until"] = [_("The registration expires before it is valid.")]
    if errors:
        raise ValidationFailed(fields=errors)
    extra = {
        "number": number,
        "registered_on": registered_on,
        "valid_until": valid_until,
        "review_due": _year_after(registered_on),
    }
    return status_set(
        record=registration,
        to=c.AgencyStatus.REGISTERED,
        reason=_("Registered"),
        actor=actor,
        expected_version=expected_version,
        extra=extra,
    )


@transaction.atomic
def agency_review(
    *,
    registration: AgencyRegistration,
    reviewed_on: dt.date,
    passed: bool,
    reason: str,
    actor,
    expected_version=None,
) -> AgencyRegistration:
    """The annual review: passed moves the next review a year on; failed suspends the registration."""
    _require_here(actor, "portlines.check", registration.org)
    errors: dict = {}
    _past(reviewed_on, "reviewed_on", errors)
    reason = _text(reason, "reason", errors)
    if registration.status != c.AgencyStatus.REGISTERED:
        errors["status"] = [_("Only a registered agency is reviewed.")]
    if errors:
        raise ValidationFailed(fields=errors)
    if passed:
        return _update(
            registration,
            changes={"review_due": _year_after(reviewed_on)},
            actor=actor,
            verb="agencyregistration.reviewed",
            reason=reason,
            expected_version=expected_version,
        )
    return _move(registration, c.AgencyStatus.SUSPENDED, reason, actor, "portlines.check", expected_version)
